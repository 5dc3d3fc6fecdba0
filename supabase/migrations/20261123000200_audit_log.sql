-- Append-only, hash-chained audit log of administrative actions and issued ballot receipts. Each
-- row stores sha256(prev_hash || row content); rewriting or deleting any row breaks every later
-- hash. Readable by staff only: its length moves with every ballot, so while a round is sealed
-- nothing in it may be visible to anyone else (not even the row count through verify_audit_log).
--
-- Ballot receipts join the chain through an outbox, because chaining needs one appender at a time:
-- a ballot that waited for the chain's lock would queue behind every other ballot (a convoy at 50
-- concurrent voters, DESIGN.md's ballots/s budget), and chaining each receipt at once doubled a
-- ballot's cost in the database. A ballot only writes its row to audit_outbox; the outbox is
-- chained, oldest first, by the next admin action, by reading a closed round's results, and by the
-- verify command (audit_flush_pending). Nothing is lost: rows leave the outbox only in the
-- transaction that appends them to audit_log, and no API role can read or change the outbox. The
-- ballot triggers are in 20261123000600_ballots.sql.

create table public.audit_log (
  seq bigint primary key,
  at timestamptz not null default now(),
  actor uuid,
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject text,
  detail jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
alter table public.audit_log enable row level security;
comment on table public.audit_log is
  'Append-only, hash-chained log of administrative actions and issued ballot receipts (hashed; no voter, no choices, no personal data).';

revoke all on table public.audit_log from anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;

create policy "admins can read the audit log"
  on public.audit_log for select to authenticated
  using ((select public.is_admin()));

-- Content that is hashed: fixed field order, timestamps in UTC, so verification does not
-- depend on the session's time zone.
create function public.audit_row_digest(prev_hash text, seq bigint, at timestamptz, actor uuid,
                                        action text, subject text, detail jsonb) returns text
  language sql stable
  set search_path = ''
as $$
  select encode(sha256(convert_to(
    prev_hash || '|' || seq::text || '|' ||
    to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' ||
    coalesce(actor::text, '') || '|' || action || '|' || coalesce(subject, '') || '|' || detail::text,
    'UTF8')), 'hex')
$$;
revoke all on function public.audit_row_digest(text, bigint, timestamptz, uuid, text, text, jsonb)
  from public, anon, authenticated, service_role;

create function public.audit_log_chain() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  last record;
begin
  -- One appender at a time, so the chain never forks; held until the transaction ends.
  perform pg_advisory_xact_lock(hashtext('public.audit_log'));
  select l.seq, l.hash into last from public.audit_log l order by l.seq desc limit 1;
  new.seq := coalesce(last.seq, 0) + 1;
  new.at := now();
  new.prev_hash := coalesce(last.hash, repeat('0', 64));
  new.hash := public.audit_row_digest(new.prev_hash, new.seq, new.at, new.actor, new.action, new.subject, new.detail);
  return new;
end
$$;
revoke all on function public.audit_log_chain() from public, anon, authenticated, service_role;

create trigger audit_log_chain before insert on public.audit_log
  for each row execute function public.audit_log_chain();

create function public.audit_log_refuse_change() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
end
$$;
revoke all on function public.audit_log_refuse_change() from public, anon, authenticated, service_role;

-- Triggers also bind the table owner, who bypasses grants and RLS.
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function public.audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function public.audit_log_refuse_change();

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

-- Move every visible outbox row into the chain, oldest first (waiting for the chain's lock).
create function public.audit_flush() returns int
  language plpgsql volatile
  set search_path = ''
as $$
declare
  n int;
begin
  perform pg_advisory_xact_lock(hashtext('public.audit_log'));
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
revoke all on function public.audit_flush() from public, anon, authenticated, service_role;

-- For the verify command: chain whatever is pending before reading the log.
create function public.audit_flush_pending() returns int
  language sql volatile
  security definer
  set search_path = ''
as $$
  select public.audit_flush()
$$;
revoke all on function public.audit_flush_pending() from public, anon, authenticated, service_role;
grant execute on function public.audit_flush_pending() to service_role;

-- Internal: an admin action, chained after every receipt already waiting. Called by the
-- security-definer RPCs; not callable through the API.
create function public.audit(p_action text, p_subject text, p_detail jsonb) returns void
  language plpgsql volatile
  set search_path = ''
as $$
begin
  perform public.audit_flush();
  insert into public.audit_log (seq, actor, action, subject, detail, prev_hash, hash)
  values (0, auth.uid(), p_action, p_subject, coalesce(p_detail, '{}'::jsonb), '', '');
end
$$;
revoke all on function public.audit(text, text, jsonb) from public, anon, authenticated, service_role;

-- Staff check the chain (the audit CLI also recomputes it outside the database); it reveals
-- whether it is intact, where it breaks, and how long it is, so it is not public.
create function public.verify_audit_log()
  returns table (ok boolean, rows_checked bigint, first_bad_seq bigint)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  r record;
  prev text := repeat('0', 64);
  expected_seq bigint := 1;
  n bigint := 0;
begin
  if not public.is_admin() then
    raise exception 'only staff can verify the audit log' using errcode = '42501';
  end if;
  for r in select * from public.audit_log order by seq loop
    if r.seq <> expected_seq or r.prev_hash <> prev
       or r.hash <> public.audit_row_digest(r.prev_hash, r.seq, r.at, r.actor, r.action, r.subject, r.detail) then
      return query select false, n, r.seq;
      return;
    end if;
    prev := r.hash;
    expected_seq := expected_seq + 1;
    n := n + 1;
  end loop;
  return query select true, n, null::bigint;
end
$$;
revoke all on function public.verify_audit_log() from public, anon, authenticated, service_role;
grant execute on function public.verify_audit_log() to authenticated, service_role;
