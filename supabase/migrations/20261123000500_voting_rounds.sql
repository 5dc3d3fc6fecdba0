-- Voting rounds and their candidate cases: public information.

create table public.voting_rounds (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 1 and 200),
  method text not null check (method in ('approval', 'score')),
  -- Approval: vote for up to k cases. Score: 1-5 per case, so no k.
  max_approvals int check (max_approvals >= 1),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  draw_id uuid not null references public.panel_draws (id),
  -- Results are published only when at least this many ballots were counted, so that with few
  -- voters nobody's vote can be read off the tally.
  min_ballots int not null default 10 check (min_ballots between 1 and 100000),
  created_at timestamptz not null default now(),
  check (closes_at > opens_at),
  check ((method = 'approval') = (max_approvals is not null))
);
alter table public.voting_rounds enable row level security;

revoke all on table public.voting_rounds from anon, authenticated, service_role;
grant select on table public.voting_rounds to anon, authenticated;
grant select, insert, update, delete on table public.voting_rounds to service_role;

create policy "anyone can read voting rounds"
  on public.voting_rounds for select to anon, authenticated
  using (true);

create table public.round_candidates (
  round_id uuid not null references public.voting_rounds (id) on delete cascade,
  -- Id of an exemplary case in the static content (content/cases).
  case_id text not null check (case_id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  primary key (round_id, case_id)
);
alter table public.round_candidates enable row level security;

revoke all on table public.round_candidates from anon, authenticated, service_role;
grant select on table public.round_candidates to anon, authenticated;
grant select, insert, update, delete on table public.round_candidates to service_role;

create policy "anyone can read round candidates"
  on public.round_candidates for select to anon, authenticated
  using (true);

-- Staff only.
create function public.create_round(
  p_title text,
  p_method text,
  p_opens_at timestamptz,
  p_closes_at timestamptz,
  p_draw_id uuid,
  p_case_ids text[],
  p_max_approvals int default null,
  p_min_ballots int default 10
) returns public.voting_rounds
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds;
  n int := (select count(distinct c) from unnest(p_case_ids) c);
begin
  if not public.is_admin() then
    raise exception 'only staff can create voting rounds' using errcode = '42501';
  end if;
  if char_length(coalesce(p_title, '')) not between 1 and 200 then
    raise exception 'a round needs a title of 1 to 200 characters' using errcode = '22023';
  end if;
  if p_method is null or p_method not in ('approval', 'score') then
    raise exception 'the method must be approval or score' using errcode = '22023';
  end if;
  if p_opens_at is null or p_closes_at is null or p_closes_at <= p_opens_at then
    raise exception 'a round needs an opening time and a later closing time' using errcode = '22023';
  end if;
  if n < 1 or n <> coalesce(cardinality(p_case_ids), 0)
     or exists (select 1 from unnest(p_case_ids) c where c is null or c !~ '^[a-z0-9][a-z0-9-]{0,99}$') then
    raise exception 'a round needs at least one candidate case id and no duplicates' using errcode = '22023';
  end if;
  if p_method = 'approval' and (p_max_approvals is null or p_max_approvals < 1 or p_max_approvals > n) then
    raise exception 'approval voting needs max_approvals between 1 and the number of candidates (%)', n
      using errcode = '22023';
  end if;
  if p_min_ballots is null or p_min_ballots not between 1 and 100000 then
    raise exception 'the minimum number of ballots must be between 1 and 100000' using errcode = '22023';
  end if;
  if p_draw_id is null or not exists (select 1 from public.panel_draws d where d.id = p_draw_id) then
    raise exception 'no such draw' using errcode = 'ORD02';
  end if;
  insert into public.voting_rounds (title, method, max_approvals, opens_at, closes_at, draw_id, min_ballots)
  values (p_title, p_method, case when p_method = 'approval' then p_max_approvals end, p_opens_at, p_closes_at,
          p_draw_id, p_min_ballots)
  returning * into r;
  insert into public.round_candidates (round_id, case_id) select r.id, c from unnest(p_case_ids) c;
  perform public.audit('round.created', 'round:' || r.id,
    jsonb_build_object('method', r.method, 'max_approvals', r.max_approvals, 'opens_at', r.opens_at,
                       'closes_at', r.closes_at, 'draw_id', r.draw_id, 'min_ballots', r.min_ballots,
                       'candidates', to_jsonb(p_case_ids)));
  return r;
end
$$;
revoke all on function public.create_round(text, text, timestamptz, timestamptz, uuid, text[], int, int)
  from public, anon, authenticated, service_role;
grant execute on function public.create_round(text, text, timestamptz, timestamptz, uuid, text[], int, int)
  to authenticated, service_role;
