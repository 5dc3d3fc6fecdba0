-- Ballot secrecy after close. published_receipts() used to pair every counted receipt with its
-- choices: anyone a member showed their receipt to (or paid to see it) could then read how that
-- member voted. A receipt must prove only that a ballot was counted, so after close it is
-- published alone; the tally stays aggregate-only (round_tally, round_turnout, and the score
-- distribution below, which the staff export used to rebuild from the receipts' choices).

-- The return type changes, so the function is dropped and created again (with its grants).
drop function public.published_receipts(uuid);

-- After close, every counted ballot's receipt, and nothing else, so each voter can check that
-- theirs was counted. Only the last ballot of a member is in public.ballots, so a replaced
-- receipt is never listed. Ordered by receipt: the order says nothing about when anyone voted.
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

-- After close, for score rounds: how many ballots gave each case each score, one row per
-- candidate × score 1-5 (0 included, so the result is the same shape whoever voted). Aggregates
-- only, like round_tally; approval rounds have no scores and return no rows. Sealed until close.
create function public.round_score_distribution(p_round_id uuid)
  returns table (case_id text, score int, ballots int)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  r public.voting_rounds := public.closed_round_for_reading(p_round_id);
begin
  if r.method <> 'score' then
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
