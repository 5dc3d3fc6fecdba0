-- Ballots at volume (DESIGN.md budget: 1,000 ballots/s through PostgREST on 2 cores): the round
-- lock becomes an advisory lock — shared for ballots, exclusive for reading a closed round's
-- results — instead of FOR SHARE on the round row, which wrote a new multixact into that one hot
-- row for every concurrent ballot. Reading a closed round's results also chains every receipt
-- still waiting in audit_outbox (20261124000200), so the log is complete before anyone checks it.

create function public.round_lock_key(p_round_id uuid) returns bigint
  language sql immutable
  set search_path = ''
as $$
  select hashtextextended('public.voting_rounds:' || p_round_id::text, 0)
$$;
revoke all on function public.round_lock_key(uuid) from public, anon, authenticated, service_role;

create or replace function public.cast_ballot(p_round_id uuid, p_choices jsonb, p_idempotency_key uuid) returns text
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

  -- Shared advisory lock on the round: ballots proceed in parallel, and closed_round_for_reading()
  -- takes it exclusively and so waits for every ballot that already passed the time check below.
  -- (A row lock FOR SHARE did the same but wrote a multixact into the hot round row per ballot.)
  perform pg_advisory_xact_lock_shared(public.round_lock_key(p_round_id));
  select * into r from public.voting_rounds where id = p_round_id;
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

create or replace function public.closed_round_for_reading(p_round_id uuid) returns public.voting_rounds
  language plpgsql volatile
  set search_path = ''
as $$
declare
  r public.voting_rounds;
begin
  -- Exclusive against cast_ballot's shared advisory lock: waits for ballots that passed the time
  -- check; the row lock still conflicts with delete_my_data's FOR SHARE.
  perform pg_advisory_xact_lock(public.round_lock_key(p_round_id));
  select * into r from public.voting_rounds where id = p_round_id for no key update;
  if not found then
    raise exception 'no such voting round' using errcode = 'P0002';
  end if;
  if clock_timestamp() < r.closes_at then
    raise exception 'results of this round are sealed until it closes (closes %)', r.closes_at using errcode = 'ORV04';
  end if;
  -- Every receipt of the closed round is in the chain before anyone reads its results (a GET
  -- request runs read-only and leaves that to the next writer).
  if current_setting('transaction_read_only') = 'off' then
    perform public.audit_flush(true);
  end if;
  return r;
end
$$;
