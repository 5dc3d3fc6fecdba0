-- Panel draws (published records, readable by anyone) and their seats (private).
--
-- A seat's life, enforced here and in 20261123000700_member_actions.sql:
--
--   applied ──record_draw──► selected ──confirm_seat (before confirm_by)──► confirmed
--                               │  └──decline_seat──► declined                │
--                               │  └──confirm_by passes──► lapsed             │
--                               └─────────withdraw_application───────► withdrawn ◄┘
--            └──record_draw──► reserve ──(called by replace_vacant_seats)──► selected …
--                               └──withdraw_application──► withdrawn
--
-- declined, lapsed and withdrawn are final for the draw's panel term. A seat left empty that way
-- is filled by replace_vacant_seats from the published reserve order: the first reserve still
-- available whose swap keeps every quota (the rule of replaceDropouts in
-- src/lib/sortition/draw.ts, which `npm run draw -- verify` replays). Only confirmed members vote.
-- The strata a seat was drawn with are copied from the published pool and never change.

create table public.panel_draws (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 1 and 200),
  -- The published draw record: algorithm, quotas, achieved stratum counts, selected and
  -- reserve pseudonyms. No personal data.
  record jsonb not null,
  -- sha256 of the applicant pool, published before the seed was known.
  pool_commitment text not null check (pool_commitment ~ '^[0-9a-f]{64}$'),
  seed text not null check (char_length(seed) between 1 and 200),
  -- The categories of the quotas: the only ones the pool and the seats hold.
  categories text[] not null,
  -- How many of the reserve order, in order, hold a reserve seat.
  reserve_recorded int not null check (reserve_recorded >= 0),
  -- Seats drawn at the start must be confirmed before this.
  confirm_by timestamptz not null,
  created_at timestamptz not null default now()
);
alter table public.panel_draws enable row level security;

revoke all on table public.panel_draws from anon, authenticated, service_role;
grant select on table public.panel_draws to anon, authenticated;
grant select, insert, update, delete on table public.panel_draws to service_role;

create policy "anyone can read published draws"
  on public.panel_draws for select to anon, authenticated
  using (true);

create table public.panel_members (
  draw_id uuid not null references public.panel_draws (id) on delete cascade,
  -- As published in the draw record; kept when the applicant deletes their data.
  pseudonym text not null,
  applicant_id uuid references public.applicants (id) on delete set null,
  -- category → value from the published pool, frozen at the draw.
  strata jsonb not null check (jsonb_typeof(strata) = 'object'),
  -- Place in the published reserve order (1 = first); null for the members drawn onto the panel.
  reserve_rank int check (reserve_rank >= 1),
  -- Holds or held a panel seat: drawn onto the panel, or called from the reserve.
  seat boolean not null,
  status text not null check (status in ('selected', 'confirmed', 'declined', 'lapsed', 'withdrawn', 'reserve')),
  -- For a selected seat: confirm before this.
  confirm_by timestamptz,
  -- For a reserve called up: whose empty seat it fills, in which order, when.
  replaces text,
  called_seq int check (called_seq >= 1),
  called_at timestamptz,
  -- For an empty seat: who filled it.
  replaced_by text,
  changed_at timestamptz not null default now(),
  primary key (draw_id, pseudonym),
  unique (draw_id, applicant_id),
  check (seat or status in ('reserve', 'withdrawn')),
  check (not seat or status <> 'reserve'),
  check (status <> 'selected' or confirm_by is not null),
  check ((replaces is null) = (called_seq is null))
);
alter table public.panel_members enable row level security;
create index panel_members_applicant_idx on public.panel_members (applicant_id);
comment on table public.panel_members is 'Seats of a draw: selected / confirmed / declined / lapsed / withdrawn / reserve (private; the pseudonyms are public).';

revoke all on table public.panel_members from anon, authenticated, service_role;
grant select on table public.panel_members to authenticated;
grant select, insert, update, delete on table public.panel_members to service_role;

create policy "members can read their own seats"
  on public.panel_members for select to authenticated
  using (exists (select 1 from public.applicants a where a.id = applicant_id and a.user_id = (select auth.uid())));

create policy "admins can read every seat"
  on public.panel_members for select to authenticated
  using ((select public.is_admin()));

-- Staff: record a draw computed by `npm run draw`. p_record is the draw record; the panel and the
-- first p_reserve_count of its reserve order get seats. p_strata holds each of them's values
-- from the published pool (pseudonym → {category: value}), which become the seat's frozen strata.
create function public.record_draw(
  p_title text,
  p_record jsonb,
  p_strata jsonb,
  p_reserve_count int,
  p_confirm_by timestamptz
) returns public.panel_draws
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  draw public.panel_draws;
  categories text[];
  panel text[];
  reserve text[];
  bad text;
begin
  if not public.is_admin() then
    raise exception 'only staff can record a draw' using errcode = '42501';
  end if;
  if jsonb_typeof(p_record) is distinct from 'object'
     or jsonb_typeof(p_record -> 'panel') is distinct from 'array'
     or jsonb_typeof(p_record -> 'reserve') is distinct from 'array'
     or jsonb_typeof(p_record -> 'quotas') is distinct from 'object'
     or coalesce(p_record ->> 'poolCommitment', '') !~ '^[0-9a-f]{64}$'
     or char_length(coalesce(p_record ->> 'seed', '')) not between 1 and 200
     or exists (select 1 from jsonb_array_elements(p_record -> 'panel') e where jsonb_typeof(e) <> 'string')
     or exists (select 1 from jsonb_array_elements(p_record -> 'reserve') e where jsonb_typeof(e) <> 'string')
     or exists (select 1 from jsonb_each(p_record -> 'quotas') q where jsonb_typeof(q.value) <> 'object') then
    raise exception 'the draw record needs panel, reserve, quotas, poolCommitment and seed' using errcode = '22023';
  end if;
  if char_length(coalesce(p_title, '')) not between 1 and 200 then
    raise exception 'a draw needs a title of 1 to 200 characters' using errcode = '22023';
  end if;
  panel := array(select jsonb_array_elements_text(p_record -> 'panel'));
  if cardinality(panel) = 0 then
    raise exception 'a draw needs at least one selected applicant' using errcode = '22023';
  end if;
  if p_reserve_count is null or p_reserve_count < 0 or p_reserve_count > jsonb_array_length(p_record -> 'reserve') then
    raise exception 'the reserve count must be between 0 and the length of the reserve order (%)',
      jsonb_array_length(p_record -> 'reserve') using errcode = '22023';
  end if;
  reserve := array(select t.e from jsonb_array_elements_text(p_record -> 'reserve') with ordinality t(e, n)
                    where t.n <= p_reserve_count order by t.n);
  if (select count(distinct x) from unnest(panel || reserve) x) <> cardinality(panel || reserve) then
    raise exception 'a pseudonym appears twice among the selected and reserve members' using errcode = '22023';
  end if;
  if p_confirm_by is null or p_confirm_by <= clock_timestamp() then
    raise exception 'the confirmation deadline must be in the future' using errcode = '22023';
  end if;
  categories := array(select k from jsonb_object_keys(p_record -> 'quotas') k order by k);
  select x into bad from unnest(panel || reserve) x
   where jsonb_typeof(p_strata -> x) is distinct from 'object'
      or array(select k from jsonb_object_keys(p_strata -> x) k order by k) is distinct from categories
      or exists (select 1 from jsonb_each(p_strata -> x) f
                  where jsonb_typeof(f.value) <> 'string' or not ((p_record -> 'quotas' -> f.key) ? (f.value #>> '{}')))
   limit 1;
  if bad is not null then
    raise exception 'the strata of % must give exactly the quota categories (%), with values listed in the quotas',
      bad, array_to_string(categories, ', ') using errcode = '22023';
  end if;

  perform 1 from public.applicants a where a.pseudonym = any(panel || reserve) for update;
  select x into bad from unnest(panel || reserve) x
   where not exists (select 1 from public.applicants a where a.pseudonym = x and a.status = 'applied')
   limit 1;
  if bad is not null then
    raise exception 'pool member % has withdrawn, deleted their data or is already in a draw', bad using errcode = 'ORD01';
  end if;

  insert into public.panel_draws (title, record, pool_commitment, seed, categories, reserve_recorded, confirm_by)
  values (p_title, p_record, p_record ->> 'poolCommitment', p_record ->> 'seed', categories, p_reserve_count, p_confirm_by)
  returning * into draw;
  insert into public.panel_members (draw_id, pseudonym, applicant_id, strata, reserve_rank, seat, status, confirm_by)
  select draw.id, a.pseudonym, a.id, p_strata -> a.pseudonym, null, true, 'selected', p_confirm_by
    from public.applicants a where a.pseudonym = any(panel)
  union all
  select draw.id, a.pseudonym, a.id, p_strata -> a.pseudonym, x.n, false, 'reserve', null
    from unnest(reserve) with ordinality x(p, n) join public.applicants a on a.pseudonym = x.p;
  update public.applicants set status = 'drawn', updated_at = now() where pseudonym = any(panel || reserve);

  perform public.audit('draw.recorded', 'draw:' || draw.id,
    jsonb_build_object('pool_commitment', draw.pool_commitment, 'seed', draw.seed, 'selected', cardinality(panel),
                       'reserve', cardinality(reserve), 'confirm_by', draw.confirm_by));
  return draw;
end
$$;
revoke all on function public.record_draw(text, jsonb, jsonb, int, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.record_draw(text, jsonb, jsonb, int, timestamptz) to authenticated, service_role;

-- Staff: seats not confirmed by their deadline lapse; then every empty seat (declined, lapsed,
-- withdrawn), oldest first, is offered to the first reserve in the published order who is still
-- available and whose swap keeps every quota, counting seats still empty as taken until they are
-- filled (replaceDropouts in src/lib/sortition/draw.ts). A seat no reserve can fill stays empty.
-- The called reserves must confirm within p_confirm_within.
create function public.replace_vacant_seats(p_draw_id uuid, p_confirm_within interval) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  d public.panel_draws;
  v public.panel_members;
  pick text;
  lapsed text[];
  replacements jsonb := '[]'::jsonb;
  unfilled text[] := '{}';
  seq int;
begin
  if not public.is_admin() then
    raise exception 'only staff can fill empty seats' using errcode = '42501';
  end if;
  if p_confirm_within is null or p_confirm_within < interval '1 hour' or p_confirm_within > interval '90 days' then
    raise exception 'called reserves need between 1 hour and 90 days to confirm' using errcode = '22023';
  end if;
  -- One replacement run per draw at a time.
  select * into d from public.panel_draws where id = p_draw_id for update;
  if not found then
    raise exception 'no such draw' using errcode = 'ORD02';
  end if;

  with l as (
    update public.panel_members set status = 'lapsed', changed_at = clock_timestamp()
     where draw_id = d.id and status = 'selected' and confirm_by <= clock_timestamp()
    returning pseudonym
  )
  select coalesce(array_agg(pseudonym order by pseudonym), '{}') into lapsed from l;
  select coalesce(max(called_seq), 0) into seq from public.panel_members where draw_id = d.id;

  for v in select * from public.panel_members m
            where m.draw_id = d.id and m.seat and m.status in ('declined', 'lapsed', 'withdrawn') and m.replaced_by is null
            order by m.changed_at, m.pseudonym loop
    loop
      select r.pseudonym into pick
        from public.panel_members r
       where r.draw_id = d.id and not r.seat and r.status = 'reserve' and r.applicant_id is not null
         and not exists (
           select 1 from jsonb_each_text(r.strata) s
            where s.value <> (v.strata ->> s.key)
              and ((select count(*) from public.panel_members m
                     where m.draw_id = d.id and m.seat and m.replaced_by is null and m.strata ->> s.key = v.strata ->> s.key) - 1
                     < coalesce((d.record -> 'quotas' -> s.key -> (v.strata ->> s.key) ->> 'min')::int, 0)
                or (select count(*) from public.panel_members m
                     where m.draw_id = d.id and m.seat and m.replaced_by is null and m.strata ->> s.key = s.value) + 1
                     > coalesce((d.record -> 'quotas' -> s.key -> s.value ->> 'max')::int, 0)))
       order by r.reserve_rank
       limit 1;
      exit when pick is null;
      -- The reserve may have withdrawn since: then look again.
      update public.panel_members
         set seat = true, status = 'selected', replaces = v.pseudonym, called_seq = seq + 1, called_at = clock_timestamp(),
             confirm_by = clock_timestamp() + p_confirm_within, changed_at = clock_timestamp()
       where draw_id = d.id and pseudonym = pick and status = 'reserve' and not seat and applicant_id is not null;
      exit when found;
    end loop;
    if pick is null then
      unfilled := unfilled || v.pseudonym;
      continue;
    end if;
    seq := seq + 1;
    update public.panel_members set replaced_by = pick where draw_id = d.id and pseudonym = v.pseudonym;
    replacements := replacements || jsonb_build_object('out', v.pseudonym, 'in', pick, 'reason', v.status);
  end loop;

  perform public.audit('draw.seats_replaced', 'draw:' || d.id,
    jsonb_build_object('lapsed', to_jsonb(lapsed), 'replacements', replacements, 'unfilled', to_jsonb(unfilled)));
  return jsonb_build_object('lapsed', to_jsonb(lapsed), 'replacements', replacements, 'unfilled', to_jsonb(unfilled));
end
$$;
revoke all on function public.replace_vacant_seats(uuid, interval) from public, anon, authenticated, service_role;
grant execute on function public.replace_vacant_seats(uuid, interval) to authenticated, service_role;

-- Staff: everything the published record needs to show (and `npm run draw -- verify` to replay)
-- about the seats since the draw: replacements in order, reserves who withdrew before being
-- called, seats left empty, and the current count per state. Pseudonyms only.
create function public.draw_seat_changes(p_draw_id uuid) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  if not public.is_admin() then
    raise exception 'only staff can read seat changes' using errcode = '42501';
  end if;
  if not exists (select 1 from public.panel_draws where id = p_draw_id) then
    raise exception 'no such draw' using errcode = 'ORD02';
  end if;
  return jsonb_build_object(
    'replacements', coalesce((
      select jsonb_agg(jsonb_build_object('out', c.replaces, 'in', c.pseudonym, 'reason', o.status,
                                          'at', to_char(c.called_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                       order by c.called_seq)
        from public.panel_members c
        join public.panel_members o on o.draw_id = c.draw_id and o.pseudonym = c.replaces
       where c.draw_id = p_draw_id), '[]'::jsonb),
    'unavailable', coalesce((
      select jsonb_agg(m.pseudonym order by m.reserve_rank)
        from public.panel_members m
       where m.draw_id = p_draw_id and not m.seat and m.status = 'withdrawn'), '[]'::jsonb),
    'unfilled', coalesce((
      select jsonb_agg(m.pseudonym order by m.changed_at, m.pseudonym)
        from public.panel_members m
       where m.draw_id = p_draw_id and m.seat and m.status in ('declined', 'lapsed', 'withdrawn') and m.replaced_by is null), '[]'::jsonb),
    'counts', coalesce((
      select jsonb_object_agg(s.status, s.n)
        from (select m.status, count(*) as n from public.panel_members m where m.draw_id = p_draw_id group by m.status) s), '{}'::jsonb)
  );
end
$$;
revoke all on function public.draw_seat_changes(uuid) from public, anon, authenticated, service_role;
grant execute on function public.draw_seat_changes(uuid) to authenticated, service_role;

-- Service role only (the staff CLI, never a browser): contact addresses of the members who hold a
-- seat they have not yet confirmed, to invite them. Nothing from here is ever written to content/.
create function public.seat_invitations(p_draw_id uuid)
  returns table (pseudonym text, email text, confirm_by timestamptz, replaces text)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    raise exception 'only the service role can read contact addresses' using errcode = '42501';
  end if;
  if not exists (select 1 from public.panel_draws where id = p_draw_id) then
    raise exception 'no such draw' using errcode = 'ORD02';
  end if;
  return query
  select m.pseudonym, a.email, m.confirm_by, m.replaces
    from public.panel_members m join public.applicants a on a.id = m.applicant_id
   where m.draw_id = p_draw_id and m.status = 'selected' and m.confirm_by > clock_timestamp()
   order by m.pseudonym;
end
$$;
revoke all on function public.seat_invitations(uuid) from public, anon, authenticated, service_role;
grant execute on function public.seat_invitations(uuid) to service_role;
