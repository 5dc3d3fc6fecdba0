-- Panel draws (published records, readable by anyone) and their members (private).

create table public.panel_draws (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 1 and 200),
  -- The published draw record: algorithm, quotas, achieved stratum counts, selected and
  -- reserve pseudonyms. No personal data.
  record jsonb not null,
  -- sha256 of the applicant pool, published before the draw.
  pool_commitment text not null check (pool_commitment ~ '^[0-9a-f]{64}$'),
  seed text not null check (char_length(seed) between 1 and 200),
  created_at timestamptz not null default now()
);
alter table public.panel_draws enable row level security;

revoke all on table public.panel_draws from anon, authenticated, service_role;
grant select on table public.panel_draws to anon, authenticated;
grant select, insert, update, delete on table public.panel_draws to service_role;

create policy "anyone can read published draws"
  on public.panel_draws for select to anon, authenticated
  using (true);

create table public.panel_members (
  draw_id uuid not null references public.panel_draws (id) on delete cascade,
  applicant_id uuid not null references public.applicants (id) on delete cascade,
  status text not null check (status in ('selected', 'reserve')),
  primary key (draw_id, applicant_id)
);
alter table public.panel_members enable row level security;
create index panel_members_applicant_idx on public.panel_members (applicant_id);

revoke all on table public.panel_members from anon, authenticated, service_role;
grant select on table public.panel_members to authenticated;
grant select, insert, update, delete on table public.panel_members to service_role;

create policy "members can read their own membership"
  on public.panel_members for select to authenticated
  using (exists (select 1 from public.applicants a where a.id = applicant_id and a.user_id = (select auth.uid())));

create policy "admins can read every membership"
  on public.panel_members for select to authenticated
  using ((select public.is_admin()));

-- Admin only: record a draw computed by the sortition script and mark the applicants.
create function public.record_draw(
  p_title text,
  p_pool_commitment text,
  p_seed text,
  p_record jsonb,
  p_selected uuid[],
  p_reserve uuid[] default '{}'
) returns public.panel_draws
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  draw public.panel_draws;
  bad uuid;
begin
  if not public.is_admin() then
    raise exception 'only admins can record a draw' using errcode = '42501';
  end if;
  if coalesce(cardinality(p_selected), 0) = 0 then
    raise exception 'a draw needs at least one selected applicant' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(p_selected) s join unnest(coalesce(p_reserve, '{}')) r on s = r) then
    raise exception 'an applicant cannot be both selected and reserve' using errcode = '22023';
  end if;
  select x into bad from unnest(p_selected || coalesce(p_reserve, '{}')) x
   where not exists (select 1 from public.applicants a where a.id = x and a.status <> 'withdrawn')
   limit 1;
  if bad is not null then
    raise exception 'applicant % does not exist or has withdrawn', bad using errcode = '22023';
  end if;

  insert into public.panel_draws (title, record, pool_commitment, seed)
  values (p_title, p_record, p_pool_commitment, p_seed)
  returning * into draw;
  insert into public.panel_members (draw_id, applicant_id, status)
  select draw.id, x, 'selected' from unnest(p_selected) x
  union all
  select draw.id, x, 'reserve' from unnest(coalesce(p_reserve, '{}')) x;
  update public.applicants a set status = m.status, updated_at = now()
    from public.panel_members m where m.draw_id = draw.id and m.applicant_id = a.id;

  perform public.audit('draw.recorded', 'draw:' || draw.id,
    jsonb_build_object('pool_commitment', p_pool_commitment, 'seed', p_seed,
                       'selected', cardinality(p_selected), 'reserve', coalesce(cardinality(p_reserve), 0)));
  return draw;
end
$$;
revoke all on function public.record_draw(text, text, text, jsonb, uuid[], uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.record_draw(text, text, text, jsonb, uuid[], uuid[]) to authenticated;
