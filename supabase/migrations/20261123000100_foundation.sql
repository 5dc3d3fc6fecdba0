-- Shared building blocks: the region list, who counts as staff, random codes, error codes.
--
-- Error codes. Every mistake a client can make is answered with a stable SQLSTATE that PostgREST
-- turns into a 4xx, never a 5xx (PostgREST answers P0002, 55000 and the other "P0"/"55" codes
-- with 500, so they are not used). The islands map each code to a message
-- (src/lib/panel/api.ts); docs/supabase.md lists them.
--   42501  not allowed: sign in first, not your seat, staff only   (401 anon, 403 signed in)
--   22023  an argument is invalid                                  (400; 22xxx and 23514 likewise)
--   ORA01  the application is frozen: it was recorded in a draw     (400)
--   ORA02  there is no application                                 (400)
--   ORD01  a pool member cannot be recorded in a draw               (400)
--   ORD02  no such draw                                            (400)
--   ORS01  no seat in this draw                                    (400)
--   ORS02  the confirmation deadline has passed                    (400)
--   ORS03  the seat is not in a state that allows this             (400)
--   ORV00  no such voting round                                    (400)
--   ORV01  the round has not opened yet                            (400)
--   ORV02  the round has closed                                    (400)
--   ORV03  the choices break the round's rules                     (400)
--   ORV04  results are sealed until the round closes               (400)
--   ORV05  results withheld: fewer ballots than the round's minimum (400)
--   ORV06  this idempotency key belongs to another round           (400)
-- ("OR…" is not a PostgreSQL class; PostgREST answers unknown classes with 400.)

-- The 17 local governments (metropolitan cities and provinces). This domain is the one place
-- the list lives; tables use the domain instead of repeating it.
create domain public.region_id as text
  check (value in (
    'seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong',
    'gyeonggi', 'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju'
  ));
comment on domain public.region_id is 'Id of one of the 17 local governments (metropolitan cities and provinces).';

-- Staff = app_metadata.role 'admin' in a user's JWT (app_metadata is writable only with the
-- service-role key, so users cannot make themselves admin), or the service-role key itself, which
-- the staff CLIs use. Policies that use it apply `to authenticated`, so the service role gains
-- nothing through them; it gains only the RPCs granted to it.
create function public.is_admin() returns boolean
  language sql stable
  set search_path = ''
as $$
  select coalesce((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin', false)
      or coalesce(auth.role() = 'service_role', false)
$$;
revoke all on function public.is_admin() from public, anon, authenticated, service_role;
grant execute on function public.is_admin() to authenticated, service_role;

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
