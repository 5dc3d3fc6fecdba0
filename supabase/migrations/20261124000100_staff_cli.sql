-- Staff CLIs (scripts/staff/panel-publish-draw.ts, scripts/staff/round.ts) run with the service-role key,
-- which has no user and so no app_metadata. Treat the service role as an admin for the
-- admin-only RPCs, and give the exported results the turnout by stratum they need without
-- making ballots readable.

-- Admin = app_metadata.role 'admin' in a user's JWT, or the service-role key itself. All
-- policies that use is_admin() apply `to authenticated`, so the service role gains nothing
-- through them; it only gains the two RPCs granted below.
create or replace function public.is_admin() returns boolean
  language sql stable
  set search_path = ''
as $$
  select coalesce((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin', false)
      or coalesce(auth.role() = 'service_role', false)
$$;

grant execute on function public.record_draw(text, text, text, jsonb, uuid[], uuid[]) to service_role;
grant execute on function public.create_round(text, text, timestamptz, timestamptz, uuid, text[], int) to service_role;

-- Age band used in published statistics (pool CSV and turnout): age reached in ref_year.
-- Mirrors ageBand() in src/lib/panel/strata.ts.
create function public.age_band(p_birth_year int, p_ref_year int) returns text
  language sql immutable
  set search_path = ''
as $$
  select case
    when p_birth_year is null then null
    when p_ref_year - p_birth_year < 30 then '18-29'
    when p_ref_year - p_birth_year < 40 then '30-39'
    when p_ref_year - p_birth_year < 50 then '40-49'
    when p_ref_year - p_birth_year < 60 then '50-59'
    when p_ref_year - p_birth_year < 70 then '60-69'
    else '70+'
  end
$$;
revoke all on function public.age_band(int, int) from public, anon, authenticated, service_role;
grant execute on function public.age_band(int, int) to anon, authenticated, service_role;

-- After close: how many counted ballots came from each stratum, using the demographics frozen
-- at vote time (age band at the round's closing year). Ballots whose voter deleted their data
-- count under 'unknown'. Aggregates only; sealed until close like round_tally.
create function public.round_turnout(p_round_id uuid)
  returns table (category text, value text, voters int)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
  ref_year int := extract(year from r.closes_at at time zone 'UTC')::int;
begin
  return query
  select s.category, s.value, count(*)::int
    from public.ballots b
    cross join lateral (values
      ('region', coalesce(b.voter_region::text, 'unknown')),
      ('age', coalesce(public.age_band(b.voter_birth_year, ref_year), 'unknown')),
      ('gender', coalesce(b.voter_gender, 'unknown'))
    ) as s(category, value)
   where b.round_id = r.id
   group by s.category, s.value
   order by s.category, s.value;
end
$$;
revoke all on function public.round_turnout(uuid) from public, anon, authenticated, service_role;
grant execute on function public.round_turnout(uuid) to anon, authenticated, service_role;
