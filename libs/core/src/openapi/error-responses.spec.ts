import { addErrorResponses, ERROR_BODY_REF, RouteFacts } from './error-responses';

const route = (over: Partial<RouteFacts> = {}): RouteFacts => ({ isPublic: false, roles: ['city_admin'], passwordChangeExempt: false, scoped: false, errors: {}, ...over });
const codes = (op: { responses: Record<string, any> }, status: string): string[] | undefined =>
  op.responses[status]?.content['application/json'].schema.allOf[1].properties.code.enum;

describe('error responses of an operation', () => {
  it('gives a guarded GET with an id in the path 401, 403, 404 and 400, each the ErrorBody narrowed to its codes', () => {
    const op = { parameters: [{ in: 'path', name: 'id' }], responses: { '200': { description: 'OK' } } };
    addErrorResponses(op, 'get', route({ scoped: true }));
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', '404', '414']);
    expect(codes(op, '401')).toEqual(['INVALID_TOKEN', 'SESSION_ENDED', 'UNAUTHORIZED']);
    expect(codes(op, '403')).toEqual(['PASSWORD_CHANGE_REQUIRED', 'ROLE_NOT_ALLOWED', 'SCHOOL_OUT_OF_SCOPE']);
    expect(codes(op, '404')).toEqual(['NOT_FOUND']);
    expect(codes(op, '400')).toEqual(['BAD_URL', 'INPUT_REFUSED', 'VALIDATION_FAILED']);
    expect((op.responses as any)['404'].content['application/json'].schema.allOf[0]).toEqual({ $ref: ERROR_BODY_REF });
  });

  it('gives a public route without input nothing but its own errors', () => {
    const op = { responses: { '200': { description: 'OK' } } };
    addErrorResponses(op, 'get', route({ isPublic: true, errors: { 410: ['LINK_UNUSABLE'] } }));
    expect(Object.keys(op.responses)).toEqual(['200', '410']);
  });

  it('leaves out ROLE_NOT_ALLOWED when every role may call, and PASSWORD_CHANGE_REQUIRED when exempt', () => {
    const op = { responses: {} as Record<string, any> };
    addErrorResponses(op, 'get', route({ roles: ['city_admin', 'district_admin', 'principal', 'teacher'], passwordChangeExempt: true }));
    expect(op.responses['403']).toBeUndefined();
  });

  it('gives uploads their statuses and merges the route\'s own codes into the generic ones', () => {
    const op = { requestBody: { content: { 'multipart/form-data': {} } }, responses: {} as Record<string, any> };
    addErrorResponses(op, 'post', route({ errors: { 400: ['WEAK_PASSWORD'], 409: ['QUOTA_FULL'] } }));
    expect(codes(op, '400')).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'MALFORMED_JSON', 'INVALID_FILE', 'IMPORT_REJECTED', 'FILE_EMPTY', 'NOT_MULTIPART', 'WEAK_PASSWORD']));
    expect(codes(op, '413')).toEqual(['PAYLOAD_TOO_LARGE', 'TOO_MANY_FILES', 'TOO_MANY_PARTS']);
    expect(codes(op, '503')).toEqual(['UPLOADS_BUSY']);
    expect(codes(op, '409')).toEqual(['QUOTA_FULL']);
  });

  it('keeps a status the route documents with a body of its own', () => {
    const own = { description: 'down', content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthDto' } } } };
    const op = { responses: { '503': own } as Record<string, any> };
    addErrorResponses(op, 'get', route({ isPublic: true, errors: { 503: ['SERVICE_BUSY'] } }));
    expect(op.responses['503']).toBe(own);
  });
});
