import { districtFromRoadAddress } from './district-office';
import { parseSchoolLevel } from './school-level';

describe('NEIS field parsing', () => {
  it.each([
    ['서울특별시 강남구 개포로 123', '강남구'],
    ['서울특별시 중구 세종대로 110', '중구'],
    ['  서울 마포구 월드컵로 1', '마포구'],
    ['경기도 성남시 분당구 1', undefined],
    ['서울특별시', undefined],
  ])('%s → %s', (address, district) => {
    expect(districtFromRoadAddress(address)).toBe(district);
  });

  it('accepts Korean and English level names', () => {
    expect(['초', '중학교', '고', '특수학교', 'special'].map(parseSchoolLevel)).toEqual(['elementary', 'middle', 'high', 'special', 'special']);
    expect(parseSchoolLevel('대학교')).toBeUndefined();
  });
});
