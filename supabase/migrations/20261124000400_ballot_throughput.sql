-- Ballots at volume (DESIGN.md budget: 1,000 ballots/s through PostgREST on 2 cores). Two points
-- where every ballot waited for every other one are made cheap:
--
-- 1. The round lock becomes an advisory lock (shared for ballots, exclusive for reading results)
--    instead of FOR SHARE on the round row, which wrote a new multixact into that one hot row for
--    every concurrent ballot.
-- 2. Ballot receipts reach the hash-chained audit log through an outbox. Chaining needs one
--    appender at a time; a ballot that had to wait for the chain's lock queued behind every other
--    ballot (a convoy at 50 concurrent voters). Now a ballot writes its receipt row to
--    audit_outbox and chains the outbox only if the chain's lock is free at that moment; otherwise
--    the holder, the next ballot, the next admin action, reading a closed round's results, or the
--    verify command (audit_flush_pending) chains it. Nothing is lost: rows leave the outbox only
--    in the transaction that appends them to audit_log.

create function public.round_lock_key(p_round_id uuid) returns bigint
  language sql immutable
  set search_path = ''
as $$
  select hashtextextended('public.voting_rounds:' || p_round_id::text, 0)
$$;
revoke all on function public.round_lock_key(uuid) from public, anon, authenticated, service_role;

create table public.audit_outbox (
  id bigserial primary key,
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject text,
  detail jsonb not null default '{}'::jsonb
);
alter table public.audit_outbox enable row level security;
revoke all on table public.audit_outbox from anon, authenticated, service_role;
comment on table public.audit_outbox is 'Ballot receipt rows on their way into audit_log; no API role may read or write it.';

-- Rows leave only through audit_flush(), which marks its transaction; nothing else may change them.
create function public.audit_outbox_guard() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and current_setting('open_results.audit_flush', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_outbox rows move only into audit_log: % is not allowed', tg_op using errcode = '42501';
end
$$;
revoke all on function public.audit_outbox_guard() from public, anon, authenticated, service_role;
create trigger audit_outbox_no_update before update or delete on public.audit_outbox
  for each row execute function public.audit_outbox_guard();
create trigger audit_outbox_no_truncate before truncate on public.audit_outbox
  for each statement execute function public.audit_outbox_guard();

-- Move every visible outbox row into the chain, oldest first. p_wait false: only if the chain's
-- lock is free now (ballots never queue on it); true: wait for it.
create function public.audit_flush(p_wait boolean) returns int
  language plpgsql volatile
  set search_path = ''
as $$
declare
  n int;
begin
  if p_wait then
    perform pg_advisory_xact_lock(hashtext('public.audit_log'));
  elsif not pg_try_advisory_xact_lock(hashtext('public.audit_log')) then
    return 0;
  end if;
  perform set_config('open_results.audit_flush', 'on', true);
  with moved as (
    delete from public.audit_outbox o returning o.id, o.action, o.subject, o.detail
  )
  insert into public.audit_log (seq, actor, action, subject, detail, prev_hash, hash)
  select 0, null, m.action, m.subject, m.detail, '', '' from moved m order by m.id;
  get diagnostics n = row_count;
  perform set_config('open_results.audit_flush', 'off', true);
  return n;
end
$$;
revoke all on function public.audit_flush(boolean) from public, anon, authenticated, service_role;

-- For the verify command: chain whatever is pending before reading the log.
create function public.audit_flush_pending() returns int
  language sql volatile
  security definer
  set search_path = ''
as $$
  select public.audit_flush(true)
$$;
revoke all on function public.audit_flush_pending() from public, anon, authenticated, service_role;
grant execute on function public.audit_flush_pending() to service_role;

-- Admin actions chain after every receipt already waiting.
create or replace function public.audit(p_action text, p_subject text, p_detail jsonb) returns void
  language plpgsql volatile
  set search_path = ''
as $$
begin
  perform public.audit_flush(true);
  insert into public.audit_log (seq, actor, action, subject, detail, prev_hash, hash)
  values (0, auth.uid(), p_action, p_subject, coalesce(p_detail, '{}'::jsonb), '', '');
end
$$;

-- The receipt triggers of 20261124000200 now write to the outbox.
create or replace function public.audit_ballot_receipt() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  insert into public.audit_outbox (action, subject, detail)
  values ('ballot.receipt', 'round:' || new.round_id,
          jsonb_strip_nulls(jsonb_build_object(
            'receipt_sha256', encode(sha256(convert_to(new.receipt, 'UTF8')), 'hex'),
            'replaces_sha256', case when tg_op = 'UPDATE'
                                    then encode(sha256(convert_to(old.receipt, 'UTF8')), 'hex') end)));
  perform public.audit_flush(false);
  return null;
end
$$;

create or replace function public.audit_ballot_withdrawn() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  insert into public.audit_outbox (action, subject, detail)
  values ('ballot.withdrawn', 'round:' || old.round_id,
          jsonb_build_object('receipt_sha256', encode(sha256(convert_to(old.receipt, 'UTF8')), 'hex')));
  perform public.audit_flush(false);
  return null;
end
$$;

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
grant execute on function public.cast_ballot(uuid, jsonb, uuid) to authenticated;
