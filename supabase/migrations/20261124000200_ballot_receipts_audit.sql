-- Ballot receipts join the hash-chained audit log. Every receipt issued by cast_ballot (a first
-- ballot or a change) appends one 'ballot.receipt' row, and a ballot withdrawn while its round is
-- open (the voter deleted their data) appends 'ballot.withdrawn'. After the close anyone holding
-- the log can check that the published list of counted receipts is exactly the receipts issued,
-- minus those a later change replaced, minus those withdrawn: no ballot dropped, none added
-- outside cast_ballot (scripts/staff/audit.ts verify).
--
-- What a row holds, and why so little: the SHA-256 of the receipt (and of the receipt it
-- replaces), never the choices and never the voter. actor stays null even though the caller is
-- signed in, so admins reading the log learn neither who voted nor how; the receipt itself is
-- hashed so a leaked log reveals no receipt code before the round closes.
--
-- Through an outbox, because chaining needs one appender at a time: a ballot that waited for the
-- chain's lock queued behind every other ballot (a convoy at 50 concurrent voters, DESIGN.md's
-- ballots/s budget). A ballot writes its row to audit_outbox and chains the outbox only if the
-- chain's lock is free at that moment; otherwise the holder, the next ballot, the next admin
-- action, reading a closed round's results (20261124000400) or the verify command
-- (audit_flush_pending) chains it. Nothing is lost: rows leave the outbox only in the transaction
-- that appends them to audit_log.

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

-- Runs inside cast_ballot's transaction as its last step.
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
  perform public.audit_flush(false);
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
  perform public.audit_flush(false);
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

comment on table public.audit_log is
  'Append-only, hash-chained log of administrative actions and issued ballot receipts (hashed; no voter, no choices, no personal data).';
