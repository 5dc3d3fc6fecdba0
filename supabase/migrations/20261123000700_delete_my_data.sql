-- Right to erasure: removes the caller's account and panel data. Ballots in rounds still open
-- are withdrawn; ballots in closed rounds keep counting (published tallies must not change)
-- but lose every link to the person.

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
  -- Same lock as cast_ballot, so this cannot interleave with a tally being read.
  perform 1 from public.voting_rounds r
   where exists (select 1 from public.ballots b where b.round_id = r.id and b.user_id = uid)
   for share;
  delete from public.ballots b using public.voting_rounds r
   where b.round_id = r.id and b.user_id = uid and clock_timestamp() < r.closes_at;
  get diagnostics withdrawn = row_count;
  update public.ballots
     set user_id = null, voter_region = null, voter_birth_year = null, voter_gender = null
   where user_id = uid;
  get diagnostics detached = row_count;
  -- Cascades to applicants, panel_members, ballot_requests and auth sessions.
  delete from auth.users where id = uid;
  return jsonb_build_object('deleted', true, 'open_ballots_withdrawn', withdrawn, 'closed_ballots_anonymised', detached);
end
$$;
revoke all on function public.delete_my_data() from public, anon, authenticated, service_role;
grant execute on function public.delete_my_data() to authenticated;
