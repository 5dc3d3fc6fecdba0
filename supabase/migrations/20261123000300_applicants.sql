-- Citizen panel applications. Personal data: readable only by its owner and by admins, never
-- by anon; written only through the RPCs in 20261123000700_member_actions.sql, which decide
-- status and pseudonym.
--
-- status: applied   in the pool for the next draw; the applicant may still change it
--         drawn     recorded in a draw (as selected or reserve; the seat in panel_members says
--                   which); the application is frozen from then on
--         withdrawn withdrawn by the applicant; applying again starts a new application for a
--                   later draw (a seat given up is never given back: withdrawal is final for
--                   that panel term)

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
  status text not null default 'applied' check (status in ('applied', 'drawn', 'withdrawn')),
  -- Published pools and draws name applicants only by this random pseudonym; a new application
  -- after a draw gets a new one, so pools of different terms cannot be linked.
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
