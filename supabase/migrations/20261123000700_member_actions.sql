-- What an applicant or panel member does for themselves: apply, withdraw, confirm or decline a
-- seat, delete their data, and read their own application, seats, open rounds and receipts.
-- Every function acts on the caller (auth.uid()) only; the seat rules are described in
-- 20261123000400_panel_draws.sql.

-- The caller's application and seats, as the islands show them.
create function public.my_panel() returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
begin
  if uid is null then
    raise exception 'sign in to see your application' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'application', (
      select jsonb_build_object('region', a.region, 'birth_year', a.birth_year, 'gender', a.gender, 'occupation', a.occupation,
                                'consent_version', a.consent_version, 'consented_at', a.consented_at, 'status', a.status,
                                'pseudonym', a.pseudonym, 'updated_at', a.updated_at)
        from public.applicants a where a.user_id = uid),
    'seats', coalesce((
      select jsonb_agg(jsonb_build_object('draw_id', d.id, 'draw_title', d.title, 'pseudonym', m.pseudonym, 'status', m.status,
                                          'seat', m.seat, 'reserve_rank', m.reserve_rank, 'confirm_by', m.confirm_by,
                                          'replaces', m.replaces, 'strata', m.strata, 'changed_at', m.changed_at)
                       order by d.created_at desc)
        from public.panel_members m
        join public.applicants a on a.id = m.applicant_id
        join public.panel_draws d on d.id = m.draw_id
       where a.user_id = uid), '[]'::jsonb));
end
$$;
revoke all on function public.my_panel() from public, anon, authenticated, service_role;
grant execute on function public.my_panel() to authenticated;

-- Apply, or change one's application while it is only 'applied'. After withdrawing, applying
-- again starts a new application for a later draw (with a new pseudonym if the old one was in a
-- draw); a seat given up stays given up. Age limits are checked here because a CHECK cannot use
-- the current date.
create function public.submit_application(
  p_region text,
  p_birth_year int,
  p_gender text,
  p_consent_version text,
  p_occupation text default null
) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  this_year int := extract(year from now())::int;
  existing public.applicants;
  occupation text := nullif(trim(p_occupation), '');
  fresh_pseudonym boolean := false;
begin
  if uid is null or not exists (select 1 from auth.users u where u.id = uid) then
    raise exception 'sign in before applying' using errcode = '42501';
  end if;
  begin
    perform p_region::public.region_id;
  exception when check_violation then
    raise exception 'choose one of the 17 regions' using errcode = '22023';
  end;
  if p_region is null then
    raise exception 'choose one of the 17 regions' using errcode = '22023';
  end if;
  if p_gender is null or p_gender not in ('female', 'male', 'other') then
    raise exception 'gender must be female, male or other' using errcode = '22023';
  end if;
  if p_birth_year is null or p_birth_year > this_year - 18 or p_birth_year < this_year - 120 then
    raise exception 'applicants must be at least 18 years old (birth year % is out of range)', p_birth_year
      using errcode = '22023';
  end if;
  if char_length(coalesce(p_consent_version, '')) not between 1 and 50 then
    raise exception 'consent is required' using errcode = '22023';
  end if;
  if char_length(coalesce(occupation, '')) > 200 then
    raise exception 'occupation can be at most 200 characters' using errcode = '22023';
  end if;

  select * into existing from public.applicants where user_id = uid for update;
  if found and existing.status = 'drawn' then
    raise exception 'the application is frozen: it was recorded in a panel draw' using errcode = 'ORA01';
  end if;
  if found and existing.status = 'withdrawn' then
    fresh_pseudonym := exists (select 1 from public.panel_members m where m.applicant_id = existing.id);
  end if;

  insert into public.applicants as a (user_id, email, region, birth_year, gender, occupation, consent_version, consented_at)
  values (uid, (select u.email from auth.users u where u.id = uid), p_region, p_birth_year, p_gender,
          occupation, p_consent_version, now())
  on conflict (user_id) do update
    set region = excluded.region, birth_year = excluded.birth_year, gender = excluded.gender,
        occupation = excluded.occupation, consent_version = excluded.consent_version,
        consented_at = excluded.consented_at, status = 'applied', updated_at = now(),
        pseudonym = case when fresh_pseudonym then public.random_code(10) else a.pseudonym end;
  return public.my_panel();
end
$$;
revoke all on function public.submit_application(text, int, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.submit_application(text, int, text, text, text) to authenticated;

-- Withdraw: the application leaves the pool, every seat held (selected, confirmed or reserve) is
-- given up for good, and ballots in rounds still open are withdrawn. Doing it twice changes nothing.
create function public.withdraw_application() returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  me public.applicants;
begin
  if uid is null then
    raise exception 'sign in to withdraw' using errcode = '42501';
  end if;
  select * into me from public.applicants where user_id = uid for update;
  if not found then
    raise exception 'there is no application to withdraw' using errcode = 'ORA02';
  end if;
  -- Seats first: a ballot being cast holds its seat FOR SHARE, so it either finishes before this
  -- (and is withdrawn below) or finds the seat withdrawn.
  update public.panel_members set status = 'withdrawn', changed_at = clock_timestamp()
   where applicant_id = me.id and status in ('selected', 'confirmed', 'reserve');
  update public.applicants set status = 'withdrawn', updated_at = now() where id = me.id and status <> 'withdrawn';
  perform public.withdraw_open_ballots(uid);
  return public.my_panel();
end
$$;
revoke all on function public.withdraw_application() from public, anon, authenticated, service_role;
grant execute on function public.withdraw_application() to authenticated;

-- The caller's seat in one draw, locked for a change.
create function public.my_seat_for_update(p_draw_id uuid) returns public.panel_members
  language plpgsql volatile
  set search_path = ''
as $$
declare
  m public.panel_members;
begin
  select s.* into m from public.panel_members s join public.applicants a on a.id = s.applicant_id
   where a.user_id = auth.uid() and s.draw_id = p_draw_id
     for update of s;
  if not found then
    raise exception 'you hold no seat in this draw' using errcode = 'ORS01';
  end if;
  return m;
end
$$;
revoke all on function public.my_seat_for_update(uuid) from public, anon, authenticated, service_role;

-- Accept a seat before its deadline. Confirming twice changes nothing.
create function public.confirm_seat(p_draw_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  m public.panel_members;
begin
  if auth.uid() is null then
    raise exception 'sign in to confirm your seat' using errcode = '42501';
  end if;
  m := public.my_seat_for_update(p_draw_id);
  if m.status = 'confirmed' then
    return public.my_panel();
  end if;
  if m.status <> 'selected' then
    raise exception 'a % seat cannot be confirmed', m.status using errcode = 'ORS03';
  end if;
  if m.confirm_by <= clock_timestamp() then
    raise exception 'the deadline to confirm this seat passed at %', m.confirm_by using errcode = 'ORS02';
  end if;
  update public.panel_members set status = 'confirmed', changed_at = clock_timestamp()
   where draw_id = m.draw_id and pseudonym = m.pseudonym;
  return public.my_panel();
end
$$;
revoke all on function public.confirm_seat(uuid) from public, anon, authenticated, service_role;
grant execute on function public.confirm_seat(uuid) to authenticated;

-- Turn down a seat not yet confirmed (final; a reserve takes it). A confirmed member who wants to
-- leave withdraws. Declining twice changes nothing.
create function public.decline_seat(p_draw_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  m public.panel_members;
begin
  if auth.uid() is null then
    raise exception 'sign in to decline your seat' using errcode = '42501';
  end if;
  m := public.my_seat_for_update(p_draw_id);
  if m.status = 'declined' then
    return public.my_panel();
  end if;
  if m.status <> 'selected' then
    raise exception 'a % seat cannot be declined', m.status using errcode = 'ORS03';
  end if;
  update public.panel_members set status = 'declined', changed_at = clock_timestamp()
   where draw_id = m.draw_id and pseudonym = m.pseudonym;
  return public.my_panel();
end
$$;
revoke all on function public.decline_seat(uuid) from public, anon, authenticated, service_role;
grant execute on function public.decline_seat(uuid) to authenticated;

-- However an application disappears (delete_my_data, or staff deleting the account), its seats
-- are given up and its ballots in open rounds withdrawn first; the seat rows keep the published
-- pseudonym and strata so the draw record still adds up.
create function public.applicants_before_delete() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  update public.panel_members set status = 'withdrawn', changed_at = clock_timestamp()
   where applicant_id = old.id and status in ('selected', 'confirmed', 'reserve');
  perform public.withdraw_open_ballots(old.user_id);
  return old;
end
$$;
revoke all on function public.applicants_before_delete() from public, anon, authenticated, service_role;
create trigger applicants_before_delete before delete on public.applicants
  for each row execute function public.applicants_before_delete();

-- Right to erasure: removes the caller's account and panel data. Seats are given up and ballots in
-- rounds still open withdrawn; ballots in closed rounds keep counting (published tallies must not
-- change) but lose every link to the person.
create function public.delete_my_data() returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  withdrawn int;
  detached int;
begin
  if uid is null then
    raise exception 'sign in to delete your data' using errcode = '42501';
  end if;
  update public.panel_members m set status = 'withdrawn', changed_at = clock_timestamp()
    from public.applicants a
   where a.id = m.applicant_id and a.user_id = uid and m.status in ('selected', 'confirmed', 'reserve');
  withdrawn := public.withdraw_open_ballots(uid);
  update public.ballots set user_id = null where user_id = uid;
  get diagnostics detached = row_count;
  -- Cascades to applicants (seats keep pseudonym and strata), ballot_requests and auth sessions.
  delete from auth.users where id = uid;
  return jsonb_build_object('deleted', true, 'open_ballots_withdrawn', withdrawn, 'closed_ballots_anonymised', detached);
end
$$;
revoke all on function public.delete_my_data() from public, anon, authenticated, service_role;
grant execute on function public.delete_my_data() to authenticated;

-- Rounds the caller may vote in now or soon (a confirmed seat in the round's draw, not yet
-- closed), with the candidates and the caller's current ballot.
create function public.my_rounds()
  returns table (round_id uuid, title text, method text, max_approvals int, opens_at timestamptz, closes_at timestamptz,
                 min_ballots int, candidates text[], choices jsonb, receipt text, updated_at timestamptz)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
begin
  if uid is null then
    raise exception 'sign in to see your rounds' using errcode = '42501';
  end if;
  return query
  select r.id, r.title, r.method, r.max_approvals, r.opens_at, r.closes_at, r.min_ballots,
         array(select c.case_id from public.round_candidates c where c.round_id = r.id order by c.case_id),
         b.choices, b.receipt, b.updated_at
    from public.voting_rounds r
    join public.panel_members m on m.draw_id = r.draw_id and m.status = 'confirmed'
    join public.applicants a on a.id = m.applicant_id and a.user_id = uid
    left join public.ballots b on b.round_id = r.id and b.user_id = uid
   where r.closes_at > clock_timestamp()
   order by r.closes_at, r.id;
end
$$;
revoke all on function public.my_rounds() from public, anon, authenticated, service_role;
grant execute on function public.my_rounds() to authenticated;

-- Every receipt the caller was ever given, newest round first: counted (the ballot that counts,
-- or will count when the round closes), replaced (a later ballot in the same round replaced it)
-- or withdrawn (the caller withdrew while the round was open).
create function public.my_receipts()
  returns table (round_id uuid, round_title text, closes_at timestamptz, closed boolean, receipt text,
                 issued_at timestamptz, status text)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  uid uuid := auth.uid();
begin
  if uid is null then
    raise exception 'sign in to see your receipts' using errcode = '42501';
  end if;
  return query
  select q.round_id, r.title, r.closes_at, r.closes_at <= clock_timestamp(), q.receipt, q.created_at,
         case when b.receipt = q.receipt then 'counted'
              when b.receipt is not null then 'replaced'
              when q.created_at = max(q.created_at) over (partition by q.round_id) then 'withdrawn'
              else 'replaced' end
    from public.ballot_requests q
    join public.voting_rounds r on r.id = q.round_id
    left join public.ballots b on b.round_id = q.round_id and b.user_id = uid
   where q.user_id = uid
   order by r.closes_at desc, q.round_id, q.created_at desc;
end
$$;
revoke all on function public.my_receipts() from public, anon, authenticated, service_role;
grant execute on function public.my_receipts() to authenticated;
