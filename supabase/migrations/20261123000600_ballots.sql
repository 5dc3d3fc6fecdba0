-- Ballots. Nobody reads ballots directly — not anon, not members, not admins, not even the
-- service role: a member sees their own ballot through my_ballot(), everyone sees tallies and
-- published receipts only after the round closes. All rules live in cast_ballot().

create table public.ballots (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references public.voting_rounds (id),
  -- null once the voter deleted their data after the round closed (the vote still counts).
  user_id uuid references auth.users (id) on delete set null,
  choices jsonb not null,
  -- Random code, unrelated to the choices; changes with every change of the ballot.
  receipt text not null unique,
  idempotency_key uuid not null,
  -- Frozen at vote time, for representativeness statistics.
  voter_region public.region_id,
  voter_birth_year int,
  voter_gender text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (round_id, user_id)
);
alter table public.ballots enable row level security;
revoke all on table public.ballots from anon, authenticated, service_role;
comment on table public.ballots is 'Not readable by any API role; see my_ballot, round_tally, published_receipts.';

-- Every accepted submission's idempotency key, so a retry returns the same receipt and
-- changes nothing, even after a later submission with another key.
create table public.ballot_requests (
  user_id uuid not null references auth.users (id) on delete cascade,
  idempotency_key uuid not null,
  round_id uuid not null references public.voting_rounds (id),
  receipt text not null,
  created_at timestamptz not null default now(),
  primary key (user_id, idempotency_key)
);
alter table public.ballot_requests enable row level security;
revoke all on table public.ballot_requests from anon, authenticated, service_role;

create function public.cast_ballot(p_round_id uuid, p_choices jsonb, p_idempotency_key uuid) returns text
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  r public.voting_rounds;
  me public.applicants;
  prior public.ballot_requests;
  decided_at timestamptz;
  new_receipt text;
  n int;
begin
  if uid is null then
    raise exception 'sign in to vote' using errcode = '42501';
  end if;
  if p_idempotency_key is null then
    raise exception 'an idempotency key is required' using errcode = '22023';
  end if;

  -- FOR SHARE: ballots proceed in parallel, but round_tally() takes a conflicting lock and so
  -- waits for every ballot that already passed the time check below.
  select * into r from public.voting_rounds where id = p_round_id for share;
  if not found then
    raise exception 'no such voting round' using errcode = 'P0002';
  end if;

  select * into prior from public.ballot_requests where user_id = uid and idempotency_key = p_idempotency_key;
  if found then
    if prior.round_id <> p_round_id then
      raise exception 'this idempotency key was used for another round' using errcode = '22023';
    end if;
    return prior.receipt; -- a retry: same receipt, no second effect
  end if;

  -- The database clock, read after the lock, decides; not the browser, not transaction start.
  decided_at := clock_timestamp();
  if decided_at < r.opens_at then
    raise exception 'voting in this round has not opened yet (opens %)', r.opens_at using errcode = 'ORV01';
  end if;
  if decided_at >= r.closes_at then
    raise exception 'voting in this round has closed (closed %)', r.closes_at using errcode = 'ORV02';
  end if;

  select a.* into me
    from public.applicants a
    join public.panel_members m on m.applicant_id = a.id
   where a.user_id = uid and m.draw_id = r.draw_id and m.status = 'selected' and a.status <> 'withdrawn';
  if not found then
    raise exception 'only members selected for this round''s panel can vote' using errcode = '42501';
  end if;

  if r.method = 'approval' then
    if jsonb_typeof(p_choices) is distinct from 'array'
       or exists (select 1 from jsonb_array_elements(p_choices) e where jsonb_typeof(e) <> 'string') then
      raise exception 'approval choices must be a list of case ids' using errcode = 'ORV03';
    end if;
    n := jsonb_array_length(p_choices);
    if n < 1 or n > r.max_approvals then
      raise exception 'approve between 1 and % cases (got %)', r.max_approvals, n using errcode = 'ORV03';
    end if;
    if (select count(distinct e) from jsonb_array_elements_text(p_choices) e) <> n then
      raise exception 'a case can be approved only once' using errcode = 'ORV03';
    end if;
    if exists (select 1 from jsonb_array_elements_text(p_choices) e
                where not exists (select 1 from public.round_candidates c where c.round_id = r.id and c.case_id = e)) then
      raise exception 'every choice must be a candidate of this round' using errcode = 'ORV03';
    end if;
  else
    if jsonb_typeof(p_choices) is distinct from 'object' or p_choices = '{}'::jsonb then
      raise exception 'score choices must be an object of case id to score 1-5' using errcode = 'ORV03';
    end if;
    if exists (select 1 from jsonb_each(p_choices) e
                where jsonb_typeof(e.value) <> 'number' or e.value::text !~ '^[1-5]$') then
      raise exception 'scores must be whole numbers from 1 to 5' using errcode = 'ORV03';
    end if;
    if exists (select 1 from jsonb_object_keys(p_choices) k
                where not exists (select 1 from public.round_candidates c where c.round_id = r.id and c.case_id = k)) then
      raise exception 'every scored case must be a candidate of this round' using errcode = 'ORV03';
    end if;
  end if;

  new_receipt := public.random_code(10);
  -- Claim the key first: a concurrent duplicate waits here, then finds it and changes nothing.
  insert into public.ballot_requests (user_id, idempotency_key, round_id, receipt)
  values (uid, p_idempotency_key, r.id, new_receipt)
  on conflict do nothing;
  if not found then
    select * into prior from public.ballot_requests where user_id = uid and idempotency_key = p_idempotency_key;
    return prior.receipt;
  end if;

  -- One ballot per member per round; the last submission counts.
  insert into public.ballots as b (round_id, user_id, choices, receipt, idempotency_key,
                                   voter_region, voter_birth_year, voter_gender, created_at, updated_at)
  values (r.id, uid, p_choices, new_receipt, p_idempotency_key, me.region, me.birth_year, me.gender, decided_at, decided_at)
  on conflict (round_id, user_id) do update
    set choices = excluded.choices, receipt = excluded.receipt, idempotency_key = excluded.idempotency_key,
        voter_region = excluded.voter_region, voter_birth_year = excluded.voter_birth_year,
        voter_gender = excluded.voter_gender, updated_at = excluded.updated_at;
  return new_receipt;
end
$$;
revoke all on function public.cast_ballot(uuid, jsonb, uuid) from public, anon, authenticated, service_role;
grant execute on function public.cast_ballot(uuid, jsonb, uuid) to authenticated;

create function public.my_ballot(p_round_id uuid)
  returns table (round_id uuid, choices jsonb, receipt text, updated_at timestamptz)
  language sql stable
  security definer
  set search_path = ''
as $$
  select b.round_id, b.choices, b.receipt, b.updated_at
    from public.ballots b
   where b.round_id = p_round_id and b.user_id = auth.uid() and auth.uid() is not null
$$;
revoke all on function public.my_ballot(uuid) from public, anon, authenticated, service_role;
grant execute on function public.my_ballot(uuid) to authenticated;

-- Locks the round against in-flight ballots and refuses until it has closed (admins too).
create function public.closed_round_for_reading(p_round_id uuid) returns public.voting_rounds
  language plpgsql volatile
  set search_path = ''
as $$
declare
  r public.voting_rounds;
begin
  -- Conflicts with cast_ballot's FOR SHARE: waits for ballots that passed the time check.
  select * into r from public.voting_rounds where id = p_round_id for no key update;
  if not found then
    raise exception 'no such voting round' using errcode = 'P0002';
  end if;
  if clock_timestamp() < r.closes_at then
    raise exception 'results of this round are sealed until it closes (closes %)', r.closes_at using errcode = 'ORV04';
  end if;
  return r;
end
$$;
revoke all on function public.closed_round_for_reading(uuid) from public, anon, authenticated, service_role;

create function public.round_tally(p_round_id uuid)
  returns table (case_id text, ballots int, approvals int, score_count int, score_sum int, score_mean numeric)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
  total int := (select count(*) from public.ballots b where b.round_id = r.id);
begin
  return query
  select c.case_id,
         total,
         case when r.method = 'approval'
              then (select count(*)::int from public.ballots b where b.round_id = r.id and b.choices ? c.case_id) end,
         case when r.method = 'score'
              then (select count(*)::int from public.ballots b where b.round_id = r.id and b.choices ? c.case_id) end,
         case when r.method = 'score'
              then (select coalesce(sum((b.choices ->> c.case_id)::int), 0)::int from public.ballots b
                     where b.round_id = r.id and b.choices ? c.case_id) end,
         case when r.method = 'score'
              then (select round(avg((b.choices ->> c.case_id)::int), 3) from public.ballots b
                     where b.round_id = r.id and b.choices ? c.case_id) end
    from public.round_candidates c
   where c.round_id = r.id
   order by c.case_id;
end
$$;
revoke all on function public.round_tally(uuid) from public, anon, authenticated, service_role;
grant execute on function public.round_tally(uuid) to anon, authenticated, service_role;

-- After close, every counted ballot's receipt with its choices, so voters can check theirs.
create function public.published_receipts(p_round_id uuid)
  returns table (receipt text, choices jsonb)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
begin
  return query select b.receipt, b.choices from public.ballots b where b.round_id = r.id order by b.receipt;
end
$$;
revoke all on function public.published_receipts(uuid) from public, anon, authenticated, service_role;
grant execute on function public.published_receipts(uuid) to anon, authenticated, service_role;
