/** Codes match the district_offices reference rows written by the SchoolRegistry migration. */
export const DISTRICT_OFFICE_CODES = [
  'dongbu', 'seobu', 'nambu', 'bukbu', 'jungbu', 'gangnam-seocho', 'gangdong-songpa',
  'gangseo-yangcheon', 'dongjak-gwanak', 'seongdong-gwangjin', 'seongbuk-gangbuk',
] as const;
export type DistrictOfficeCode = (typeof DISTRICT_OFFICE_CODES)[number];

const ROAD_ADDRESS = /^\s*(?:서울특별시|서울시|서울)\s+(\S+구)(?:\s|$)/;

/** `서울특별시 강남구 테헤란로 …` → `강남구`; undefined when the address is not a Seoul district address. */
export function districtFromRoadAddress(address: string): string | undefined {
  return ROAD_ADDRESS.exec(address)?.[1];
}
