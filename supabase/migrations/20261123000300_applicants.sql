-- Citizen panel applications. Personal data: readable only by its owner and by admins, never
-- by anon; written only through the RPCs below, which decide status and pseudonym.

create table public.applicants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users (id) on delete cascade,
  email text not null check (char_length(email) <= 320),
  region public.region_id not null,
  birth_year int not null check (birth_year between 1900 and 2100),
  gender text not null check (gender in ('female', 'male', 'other')),
  occupation text check (char_length(occupation) <= 200),
  consent_version text not null check (char_length(consent_version) between 1 and 50),
  consented_at timestamptz not null,
  status text not null default 'applied' check (status in ('applied', 'selected', 'reserve', 'withdrawn')),
  -- Published draws name applicants only by this random pseudonym.
  pseudonym text not null unique default public.random_code(10),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.applicants enable row level security;
comment on table public.applicants is 'Panel applications (personal data: owner and admins only).';

revoke all on table public.applicants from anon, authenticated, service_role;
grant select on table public.applicants to authenticated;
grant select, insert, update, delete on table public.applicants to service_role;

create policy "applicants can read their own application"
  on public.applicants for select to authenticated
  using (user_id = (select auth.uid()));

create policy "admins can read every application"
  on public.applicants for select to authenticated
  using ((select public.is_admin()));

-- Apply, or update one's application while it is still only 'applied' (or re-apply after
-- withdrawing). Age limits are checked here because a CHECK cannot use the current date.
create function public.submit_application(
  p_region text,
  p_birth_year int,
  p_gender text,
  p_consent_version text,
  p_occupation text default null
) returns public.applicants
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  this_year int := extract(year from now())::int;
  existing public.applicants;
  result public.applicants;
begin
  if uid is null then
    raise exception 'sign in before applying' using errcode = '42501';
  end if;
  if p_birth_year is null or p_birth_year > this_year - 18 or p_birth_year < this_year - 120 then
    raise exception 'applicants must be at least 18 years old (birth year % is out of range)', p_birth_year
      using errcode = '22023';
  end if;
  if coalesce(p_consent_version, '') = '' then
    raise exception 'consent is required' using errcode = '22023';
  end if;

  select * into existing from public.applicants where user_id = uid for update;
  if found and existing.status in ('selected', 'reserve') then
    raise exception 'the application is locked: the panel has already been drawn' using errcode = '55000';
  end if;

  insert into public.applicants as a (user_id, email, region, birth_year, gender, occupation, consent_version, consented_at)
  values (uid, (select u.email from auth.users u where u.id = uid), p_region, p_birth_year, p_gender,
          nullif(trim(p_occupation), ''), p_consent_version, now())
  on conflict (user_id) do update
    set region = excluded.region, birth_year = excluded.birth_year, gender = excluded.gender,
        occupation = excluded.occupation, consent_version = excluded.consent_version,
        consented_at = excluded.consented_at, status = 'applied', updated_at = now()
  returning * into result;
  return result;
end
$$;
revoke all on function public.submit_application(text, int, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.submit_application(text, int, text, text, text) to authenticated;

create function public.withdraw_application() returns public.applicants
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  result public.applicants;
begin
  update public.applicants set status = 'withdrawn', updated_at = now()
   where user_id = auth.uid()
  returning * into result;
  if not found then
    raise exception 'there is no application to withdraw' using errcode = 'P0002';
  end if;
  return result;
end
$$;
revoke all on function public.withdraw_application() from public, anon, authenticated, service_role;
grant execute on function public.withdraw_application() to authenticated;
