-- Demo panel data for local development. Invented people only (example.org addresses,
-- pseudonymous names); never load this into a production project.

-- 60 demo applicants spread over the 17 regions.
insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'authenticated', 'authenticated',
       format('demo-applicant-%s@example.org', lpad(i::text, 3, '0')), now(),
       '{"provider":"email","providers":["email"]}'::jsonb, '{"demo":true}'::jsonb, now(), now()
  from generate_series(1, 60) i;

insert into public.applicants (user_id, email, region, birth_year, gender, occupation, consent_version, consented_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       format('demo-applicant-%s@example.org', lpad(i::text, 3, '0')),
       (array['seoul','busan','daegu','incheon','gwangju','daejeon','ulsan','sejong','gyeonggi','gangwon',
              'chungbuk','chungnam','jeonbuk','jeonnam','gyeongbuk','gyeongnam','jeju'])[1 + (i * 7) % 17],
       1950 + (i * 13) % 55,
       (array['female','male','other'])[1 + case when i % 29 = 0 then 2 else i % 2 end],
       (array[null, 'teacher', 'nurse', 'farmer', 'engineer', 'student', 'retired'])[1 + i % 7],
       'demo-2026-01', now()
  from generate_series(1, 60) i;

-- A demo draw: the first 20 by pseudonym hold seats (15 confirmed, 5 still to confirm), the next 5
-- are reserves in that order. (A real draw is computed by `npm run draw` and recorded with
-- record_draw(); see docs/supabase.md.) Seat strata are region, age band and gender as in 2026.
with pool as (
  select id, pseudonym, row_number() over (order by pseudonym) as n,
         jsonb_build_object('region', region::text, 'gender', gender,
           'age', case when 2026 - birth_year < 30 then '18-29' when 2026 - birth_year < 40 then '30-39'
                       when 2026 - birth_year < 50 then '40-49' when 2026 - birth_year < 60 then '50-59'
                       when 2026 - birth_year < 70 then '60-69' else '70+' end) as strata
    from public.applicants
), draw as (
  insert into public.panel_draws (title, record, pool_commitment, seed, categories, reserve_recorded, confirm_by)
  select 'Demo panel draw (demo data)',
         jsonb_build_object(
           'demo', true,
           'algorithm', 'demo: first 20 pseudonyms in order (not a fair draw)',
           'pool_size', (select count(*) from pool),
           'panel', (select jsonb_agg(pseudonym order by pseudonym) from pool where n <= 20),
           'reserve', (select jsonb_agg(pseudonym order by pseudonym) from pool where n between 21 and 25),
           'quotas', (select jsonb_object_agg(c.category, c.q) from (
                        select f.key as category, jsonb_object_agg(f.value, jsonb_build_object('min', 0, 'max', 20)) as q
                          from pool p cross join lateral jsonb_each_text(p.strata) f group by f.key) c)),
         encode(sha256(convert_to((select string_agg(pseudonym, ',' order by pseudonym) from pool), 'UTF8')), 'hex'),
         'demo-seed-0001', array['age', 'gender', 'region'], 5, now() + interval '14 days'
  returning id
)
insert into public.panel_members (draw_id, pseudonym, applicant_id, strata, reserve_rank, seat, status, confirm_by)
select draw.id, pool.pseudonym, pool.id, pool.strata,
       case when pool.n > 20 then pool.n - 20 end,
       pool.n <= 20,
       case when pool.n <= 15 then 'confirmed' when pool.n <= 20 then 'selected' else 'reserve' end,
       case when pool.n <= 20 then now() + interval '14 days' end
  from draw, pool
 where pool.n <= 25;

update public.applicants a set status = 'drawn'
  from public.panel_members m where m.applicant_id = a.id;

-- An open demo round on three exemplary cases.
with r as (
  insert into public.voting_rounds (title, method, max_approvals, opens_at, closes_at, draw_id, min_ballots)
  select 'Exemplary cases (demo round)', 'approval', 2, now() - interval '1 day', now() + interval '30 days', id, 10
    from public.panel_draws limit 1
  returning id
)
insert into public.round_candidates (round_id, case_id)
select r.id, c from r, unnest(array['seoul-mobile-library', 'busan-barrier-free-coast', 'jeju-zero-waste-market']) c;
