-- Shared building blocks: the region list, the admin check, random codes.

-- The 17 local governments (metropolitan cities and provinces). This domain is the one place
-- the list lives; tables use the domain instead of repeating it.
create domain public.region_id as text
  check (value in (
    'seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong',
    'gyeonggi', 'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju'
  ));
comment on domain public.region_id is 'Id of one of the 17 local governments (metropolitan cities and provinces).';

-- Admin = app_metadata.role 'admin' in the JWT; app_metadata is writable only with the
-- service-role key, so users cannot make themselves admin.
create function public.is_admin() returns boolean
  language sql stable
  set search_path = ''
as $$
  select coalesce((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin', false)
$$;
revoke all on function public.is_admin() from public, anon, authenticated, service_role;
grant execute on function public.is_admin() to anon, authenticated, service_role;

-- Random code from a 32-symbol alphabet without look-alikes (0/O, 1/I). Randomness comes from
-- gen_random_uuid() (a strong random source) so no extension is needed; the version and
-- variant bytes of each uuid (bytes 6 and 8) are skipped because they are not random.
create function public.random_code(len int) returns text
  language plpgsql volatile
  set search_path = ''
as $$
declare
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  raw bytea;
  result text := '';
  i int;
begin
  while length(result) < len loop
    raw := uuid_send(gen_random_uuid());
    for i in 0..15 loop
      continue when i in (6, 8);
      exit when length(result) >= len;
      result := result || substr(alphabet, (get_byte(raw, i) % 32) + 1, 1);
    end loop;
  end loop;
  return result;
end
$$;
revoke all on function public.random_code(int) from public, anon, authenticated, service_role;
-- service_role may insert rows whose defaults call it.
grant execute on function public.random_code(int) to service_role;
