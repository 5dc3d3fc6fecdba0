-- Ballot receipts join the hash-chained audit log. Every receipt issued by cast_ballot (a first
-- ballot or a change) appends one 'ballot.receipt' row, and a ballot withdrawn while its round is
-- open (the voter deleted their data) appends 'ballot.withdrawn'. After the close anyone holding
-- the log can check that the published list of counted receipts is exactly the receipts issued,
-- minus those a later change replaced, minus those withdrawn: no ballot dropped, none added
-- outside cast_ballot.
--
-- What the row holds, and why so little: the SHA-256 of the receipt (and of the receipt it
-- replaces), never the choices and never the voter. actor stays null even though the caller is
-- signed in, so admins reading the log learn neither who voted nor how; the receipt itself is
-- hashed so a leaked log reveals no receipt code before the round closes.

create function public.audit_ballot_receipt() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  insert into public.audit_log (seq, actor, action, subject, detail, prev_hash, hash)
  values (0, null, 'ballot.receipt', 'round:' || new.round_id,
          jsonb_strip_nulls(jsonb_build_object(
            'receipt_sha256', encode(sha256(convert_to(new.receipt, 'UTF8')), 'hex'),
            'replaces_sha256', case when tg_op = 'UPDATE'
                                    then encode(sha256(convert_to(old.receipt, 'UTF8')), 'hex') end)),
          '', '');
  return null;
end
$$;
revoke all on function public.audit_ballot_receipt() from public, anon, authenticated, service_role;

-- Runs inside cast_ballot's transaction as its last step, so the audit chain's lock (taken by the
-- audit_log trigger) is held only from here to commit.
create trigger ballots_audit_new_receipt after insert on public.ballots
  for each row execute function public.audit_ballot_receipt();
-- Only a new receipt is audited; deleting one's data nulls user_id and keeps the receipt.
create trigger ballots_audit_changed_receipt after update of receipt on public.ballots
  for each row when (old.receipt is distinct from new.receipt)
  execute function public.audit_ballot_receipt();

create function public.audit_ballot_withdrawn() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  insert into public.audit_log (seq, actor, action, subject, detail, prev_hash, hash)
  values (0, null, 'ballot.withdrawn', 'round:' || old.round_id,
          jsonb_build_object('receipt_sha256', encode(sha256(convert_to(old.receipt, 'UTF8')), 'hex')),
          '', '');
  return null;
end
$$;
revoke all on function public.audit_ballot_withdrawn() from public, anon, authenticated, service_role;

create trigger ballots_audit_withdrawn after delete on public.ballots
  for each row execute function public.audit_ballot_withdrawn();

comment on table public.audit_log is
  'Append-only, hash-chained log of administrative actions and issued ballot receipts (hashed; no voter, no choices, no personal data).';
