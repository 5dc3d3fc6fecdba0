// The 17 local governments an applicant can live in. Same ids, same order as the
// `public.region_id` domain in supabase/migrations/20261123000100_foundation.sql (a unit test
// compares them); display names come from content/bodies/<id>.yaml.
export const REGION_IDS = [
  'seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong',
  'gyeonggi', 'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju',
] as const;
export type RegionId = (typeof REGION_IDS)[number];
