-- Ballots. Nobody reads ballots directly — not anon, not members, not admins, not even the
-- service role: a member sees their own ballot and receipts through the RPCs in
-- 20261123000700_member_actions.sql; after a round closes, anyone sees its published receipts and,
-- when at least min_ballots were counted, its tally. All voting rules live in cast_ballot().

create table public.ballots (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references public.voting_rounds (id),
  -- null once the voter deleted their data after the round closed (the vote still counts).
  user_id uuid references auth.users (id) on delete set null,
  choices jsonb not null,
  -- Random code, unrelated to the choices; changes with every change of the ballot.
  receipt text not null unique,
  idempotency_key uuid not null,
  -- The voter's seat strata (frozen at the draw), for turnout by stratum.
  voter_strata jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (round_id, user_id)
);
alter table public.ballots enable row level security;
revoke all on table public.ballots from anon, authenticated, service_role;
comment on table public.ballots is 'Not readable by any API role; see my_receipts, round_tally, published_receipts.';

-- Every accepted submission's idempotency key and receipt, so a retry returns the same receipt and
-- changes nothing (even after a later submission with another key), and a member can list every
-- receipt they were given: counted, replaced by a later ballot, or withdrawn.
create table public.ballot_requests (
  user_id uuid not null references auth.users (id) on delete cascade,
  idempotency_key uuid not null,
  round_id uuid not null references public.voting_rounds (id),
  receipt text not null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (user_id, idempotency_key)
);
alter table public.ballot_requests enable row level security;
revoke all on table public.ballot_requests from anon, authenticated, service_role;

-- The round lock: shared for ballots, exclusive for reading a closed round's results. An advisory
-- lock rather than FOR SHARE on the round row, which wrote a new multixact into that one hot row
-- for every concurrent ballot. The key is a SQL-standard body, bound when created (so it needs no
-- search_path) and, without a SET clause, inlined into each ballot rather than called with a
-- search_path switch.
create function public.round_lock_key(p_round_id uuid) returns bigint
  language sql immutable
  return pg_catalog.hashtextextended('public.voting_rounds:' || p_round_id::text, 0);
revoke all on function public.round_lock_key(uuid) from public, anon, authenticated, service_role;

create function public.cast_ballot(p_round_id uuid, p_choices jsonb, p_idempotency_key uuid) returns text
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  r public.voting_rounds;
  seat public.panel_members;
  prior public.ballot_requests;
  decided_at timestamptz;
  new_receipt text;
  n int;
begin
  if uid is null then
    raise exception 'sign in to vote' using errcode = '42501';
  end if;
  if p_round_id is null then
    raise exception 'no such voting round' using errcode = 'ORV00';
  end if;
  if p_idempotency_key is null then
    raise exception 'an idempotency key is required' using errcode = '22023';
  end if;

  -- Shared: ballots proceed in parallel, and closed_round_for_reading() takes it exclusively and
  -- so waits for every ballot that already passed the time check below.
  perform pg_advisory_xact_lock_shared(public.round_lock_key(p_round_id));
  select * into r from public.voting_rounds where id = p_round_id;
  if not found then
    raise exception 'no such voting round' using errcode = 'ORV00';
  end if;
  -- One submission per member at a time (a double click, two tabs): the ballot that stands is the
  -- member's last recorded request, and a concurrent duplicate key finds the first one's receipt.
  perform pg_advisory_xact_lock(hashtextextended('public.ballots:' || p_round_id::text || ':' || uid::text, 0));

  select * into prior from public.ballot_requests where user_id = uid and idempotency_key = p_idempotency_key;
  if found then
    if prior.round_id <> p_round_id then
      raise exception 'this idempotency key was used for another round' using errcode = 'ORV06';
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

  -- Only a confirmed seat in this round's draw votes. FOR SHARE: a withdrawal (which updates the
  -- seat, then withdraws open-round ballots) waits for this ballot, or this ballot sees the seat
  -- withdrawn; no ballot of a withdrawn member survives.
  -- The member's application first, then their seat by the (draw, applicant) key: one index probe
  -- each, whatever the size of the panel (a join let the planner scan the whole draw).
  select m.* into seat
    from public.panel_members m
   where m.draw_id = r.draw_id
     and m.applicant_id = (select a.id from public.applicants a where a.user_id = uid)
     and m.status = 'confirmed'
     for share of m;
  if not found then
    raise exception 'only members who confirmed their seat on this round''s panel can vote' using errcode = '42501';
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
  -- The member's lock above already makes a duplicate key find its receipt; the conflict clause guards it too.
  insert into public.ballot_requests (user_id, idempotency_key, round_id, receipt)
  values (uid, p_idempotency_key, r.id, new_receipt)
  on conflict do nothing;
  if not found then
    select * into prior from public.ballot_requests where user_id = uid and idempotency_key = p_idempotency_key;
    return prior.receipt;
  end if;

  -- One ballot per member per round; the last submission counts.
  insert into public.ballots as b (round_id, user_id, choices, receipt, idempotency_key, voter_strata, created_at, updated_at)
  values (r.id, uid, p_choices, new_receipt, p_idempotency_key, seat.strata, decided_at, decided_at)
  on conflict (round_id, user_id) do update
    set choices = excluded.choices, receipt = excluded.receipt, idempotency_key = excluded.idempotency_key,
        voter_strata = excluded.voter_strata, updated_at = excluded.updated_at;
  return new_receipt;
end
$$;
revoke all on function public.cast_ballot(uuid, jsonb, uuid) from public, anon, authenticated, service_role;
grant execute on function public.cast_ballot(uuid, jsonb, uuid) to authenticated;

-- Internal: withdraws a person's ballots in rounds still open (they withdrew or deleted their
-- data). Takes each round's lock shared, like a ballot, so a closed round's results are never read
-- halfway through. Ballots of closed rounds stay counted.
create function public.withdraw_open_ballots(p_user uuid) returns int
  language plpgsql volatile
  set search_path = ''
as $$
declare
  rid uuid;
  n int;
begin
  for rid in select b.round_id from public.ballots b where b.user_id = p_user order by b.round_id loop
    perform pg_advisory_xact_lock_shared(public.round_lock_key(rid));
  end loop;
  delete from public.ballots b using public.voting_rounds r
   where b.round_id = r.id and b.user_id = p_user and clock_timestamp() < r.closes_at;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke all on function public.withdraw_open_ballots(uuid) from public, anon, authenticated, service_role;

-- Internal: the round, once it has closed, with every ballot that passed the time check before
-- the close in place and every receipt chained into the audit log. Refuses before taking any lock
-- while the round is open, so no caller — anonymous or not — can make an open round's ballots wait.
create function public.closed_round_for_reading(p_round_id uuid) returns public.voting_rounds
  language plpgsql volatile
  set search_path = ''
as $$
declare
  r public.voting_rounds;
begin
  select * into r from public.voting_rounds where id = p_round_id;
  if not found then
    raise exception 'no such voting round' using errcode = 'ORV00';
  end if;
  if clock_timestamp() < r.closes_at then
    raise exception 'results of this round are sealed until it closes (closes %)', r.closes_at using errcode = 'ORV04';
  end if;
  -- Closed: no new ballot can pass the time check; wait for those that passed it just before.
  perform pg_advisory_xact_lock(public.round_lock_key(p_round_id));
  -- A GET request runs read-only and leaves chaining to the next writer.
  if current_setting('transaction_read_only') = 'off' then
    perform public.audit_flush();
  end if;
  return r;
end
$$;
revoke all on function public.closed_round_for_reading(uuid) from public, anon, authenticated, service_role;

-- Internal: the round's counted ballots, or ORV05 when fewer than its minimum.
create function public.counted_ballots(r public.voting_rounds) returns int
  language plpgsql stable
  set search_path = ''
as $$
declare
  total int := (select count(*) from public.ballots b where b.round_id = r.id);
begin
  if total < r.min_ballots then
    raise exception 'results withheld: % ballots were counted, fewer than this round''s minimum of %', total, r.min_ballots
      using errcode = 'ORV05';
  end if;
  return total;
end
$$;
revoke all on function public.counted_ballots(public.voting_rounds) from public, anon, authenticated, service_role;

-- After close, with at least min_ballots counted: per candidate, approvals or score count, sum
-- and mean. Aggregates only.
create function public.round_tally(p_round_id uuid)
  returns table (case_id text, ballots int, approvals int, score_count int, score_sum int, score_mean numeric)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
  total int := public.counted_ballots(r);
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

-- After close, with at least min_ballots counted, for score rounds: how many ballots gave each
-- case each score, one row per candidate × score 1-5 (0 included, so the shape does not depend on
-- who voted). Approval rounds return no rows.
create function public.round_score_distribution(p_round_id uuid)
  returns table (case_id text, score int, ballots int)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
  total int := public.counted_ballots(r);
begin
  if r.method <> 'score' or total = 0 then
    return;
  end if;
  return query
  select c.case_id,
         s.score,
         (select count(*)::int from public.ballots b
           where b.round_id = r.id and b.choices ? c.case_id and (b.choices ->> c.case_id)::int = s.score)
    from public.round_candidates c
    cross join generate_series(1, 5) as s(score)
   where c.round_id = r.id
   order by c.case_id, s.score;
end
$$;
revoke all on function public.round_score_distribution(uuid) from public, anon, authenticated, service_role;
grant execute on function public.round_score_distribution(uuid) to anon, authenticated, service_role;

-- Staff, after close, with at least min_ballots counted: counted ballots per stratum of the draw
-- (the voters' seat strata). Raw counts: the export suppresses small cells before publishing
-- (src/lib/panel/suppression.ts), so this is not public.
create function public.round_turnout(p_round_id uuid)
  returns table (category text, value text, voters int)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds;
begin
  if not public.is_admin() then
    raise exception 'only staff can read unsuppressed turnout' using errcode = '42501';
  end if;
  r := public.closed_round_for_reading(p_round_id);
  perform public.counted_ballots(r);
  return query
  select s.key, s.value, count(*)::int
    from public.ballots b
    cross join lateral jsonb_each_text(b.voter_strata) s
   where b.round_id = r.id
   group by s.key, s.value
   order by s.key, s.value;
end
$$;
revoke all on function public.round_turnout(uuid) from public, anon, authenticated, service_role;
grant execute on function public.round_turnout(uuid) to authenticated, service_role;

-- After close, every counted ballot's receipt and nothing else, so each voter can check that
-- theirs was counted. Only the last ballot of a member is in public.ballots, so a replaced receipt
-- is never listed. Ordered by receipt: the order says nothing about when anyone voted. Published
-- whatever the number of ballots (a bare code reveals no choice).
create function public.published_receipts(p_round_id uuid)
  returns table (receipt text)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
begin
  return query select b.receipt from public.ballots b where b.round_id = r.id order by b.receipt;
end
$$;
revoke all on function public.published_receipts(uuid) from public, anon, authenticated, service_role;
grant execute on function public.published_receipts(uuid) to anon, authenticated, service_role;

-- Receipts in the audit log. Every receipt issued by cast_ballot (a first ballot or a change)
-- appends one 'ballot.receipt' row, and a ballot withdrawn while its round is open appends
-- 'ballot.withdrawn'. After the close anyone holding the log can check that the published list of
-- counted receipts is exactly the receipts issued, minus those a later change replaced, minus
-- those withdrawn (`npm run audit -- verify`). A row holds the SHA-256 of the receipt (and of the
-- receipt it replaces), never the choices and never the voter: actor stays null. The rows go to
-- the outbox (20261123000200_audit_log.sql) and are chained by the next admin action, the first
-- read of the closed round's results, or the verify command.
create function public.audit_ballot_receipt() returns trigger
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
  return null;
end
$$;
revoke all on function public.audit_ballot_receipt() from public, anon, authenticated, service_role;

create function public.audit_ballot_withdrawn() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  insert into public.audit_outbox (action, subject, detail)
  values ('ballot.withdrawn', 'round:' || old.round_id,
          jsonb_build_object('receipt_sha256', encode(sha256(convert_to(old.receipt, 'UTF8')), 'hex')));
  return null;
end
$$;
revoke all on function public.audit_ballot_withdrawn() from public, anon, authenticated, service_role;

create trigger ballots_audit_new_receipt after insert on public.ballots
  for each row execute function public.audit_ballot_receipt();
-- Only a new receipt is audited; deleting one's data nulls user_id and keeps the receipt.
create trigger ballots_audit_changed_receipt after update of receipt on public.ballots
  for each row when (old.receipt is distinct from new.receipt)
  execute function public.audit_ballot_receipt();
create trigger ballots_audit_withdrawn after delete on public.ballots
  for each row execute function public.audit_ballot_withdrawn();
