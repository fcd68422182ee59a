import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('hides one-time secrets in paths and queries and keeps the rest', () => {
    expect(redactUrl('/api/v1/surveys/respond/K7QX-22MN/submit')).toBe('/api/v1/surveys/respond/[redacted]/submit');
    expect(redactUrl('/api/v1/consent/respond/abcDEF123')).toBe('/api/v1/consent/respond/[redacted]');
    expect(redactUrl('/respond/K7QX22MN')).toBe('/respond/[redacted]');
    expect(redactUrl('/api/v1/privacy/my-data/ABCD-EFGH-JKMN')).toBe('/api/v1/privacy/my-data/[redacted]');
    expect(redactUrl('/privacy/my-data/ABCD-EFGH-JKMN')).toBe('/privacy/my-data/[redacted]');
    expect(redactUrl('/activate?token=AbC_d-123')).toBe('/activate?token=[redacted]');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=xyz&state=abc&iss=https%3A%2F%2Fidp')).toBe('/api/v1/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp');
    expect(redactUrl('/api/v1/schools?q=%EA%B0%9C%ED%8F%AC&page=2')).toBe('/api/v1/schools?q=%EA%B0%9C%ED%8F%AC&page=2');
    expect(redactUrl('/api/v1/schools/12')).toBe('/api/v1/schools/12');
  });
});
