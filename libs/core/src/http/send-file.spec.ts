import { asciiName, contentDisposition, datedName } from './send-file';

describe('download names', () => {
  it('dates a Korean name with the Seoul day and gives it an ASCII twin', () => {
    expect(datedName('학교_목록', 'schools', 'xlsx', '2026-03-02')).toEqual({ filename: '학교_목록_2026-03-02.xlsx', ascii: 'schools_2026-03-02.xlsx' });
    expect(datedName('설문 응답률_학부모/만족도: "2학기"', 'survey-3 rates', 'xlsx', '2026-03-02')).toEqual({
      filename: '설문 응답률_학부모_만족도_ _2학기__2026-03-02.xlsx',
      ascii: 'survey-3_rates_2026-03-02.xlsx',
    });
    expect(datedName('학교_목록', 'schools').filename).toMatch(/^학교_목록_\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('falls back to ASCII by folding everything else into underscores', () => {
    expect(asciiName('사용자_목록.xlsx')).toBe('download.xlsx');
    expect(asciiName('AI교실_현황_전체_2026-01-01.xlsx')).toBe('AI_2026-01-01.xlsx');
    expect(asciiName('report')).toBe('report');
  });

  it('sends both names, the UTF-8 one percent-encoded as RFC 5987 wants', () => {
    expect(contentDisposition({ filename: "학교 (1)'*.xlsx", ascii: 'schools.xlsx' })).toBe(
      `attachment; filename="schools.xlsx"; filename*=UTF-8''%ED%95%99%EA%B5%90%20%281%29%27%2A.xlsx`,
    );
    expect(contentDisposition('사용자_목록.xlsx')).toBe(`attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('사용자_목록.xlsx')}`);
  });
});
