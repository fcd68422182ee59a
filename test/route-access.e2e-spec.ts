import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '@app/core';
import { startTestApp, TestApp } from './support/test-app';

describe('every endpoint declares who may call it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('has @Roles or @Public on each route, and only login, health, public badge links, survey codes, guardian consent links, the public list of designated schools, the public gallery of best-practice cases and the privacy policy are open', () => {
    const discovery = app.api.get(DiscoveryService);
    const scanner = new MetadataScanner();
    const reflector = new Reflector();
    const undeclared: string[] = [];
    const open: string[] = [];
    let routes = 0;
    for (const { metatype, instance } of discovery.getControllers()) {
      if (!metatype || !instance) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes++;
        const label = `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler)]} ${metatype.name}.${name}`;
        const roles = reflector.getAllAndOverride(ROLES_KEY, [handler, metatype]);
        const isPublic = reflector.getAllAndOverride(PUBLIC_KEY, [handler, metatype]);
        if (!roles && !isPublic) undeclared.push(label);
        if (isPublic) open.push(label);
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
    expect(open.sort()).toEqual([
      // Anyone holding a badge's link verifies it without an account (Open Badges).
      ...['achievementImage', 'credential', 'issuerProfile', 'jwt', 'png', 'statusList', 'svg', 'verify'].map((m) => `GET BadgesController.${m}`),
      'GET DesignationsController.publicList',
      // 우수사례 (조례 제8조): the public gallery of published cases, with their attachments, needs no login.
      'GET CasesController.publicList',
      'GET CasesController.publicGet',
      'GET CasesController.publicAttachment',
      'GET HealthController.health',
      // Prometheus scrapes with METRICS_TOKEN, not a user's token (a city admin's token also works).
      'GET MetricsController.scrape',
      'POST AuthController.login',
      // The login page asks how people sign in; an activation or reset link is its holder's credential.
      'GET AuthController.methods',
      'POST AuthController.activate',
      'POST AuthController.checkLink',
      // The identity provider's round trip starts and ends without a token.
      'GET OidcController.oidcLogin',
      'GET OidcController.oidcCallback',
      // Survey respondents have no account: the one-time code is their credential.
      'GET RespondController.openForm',
      'POST RespondController.submitAnswers',
      'PUT RespondController.saveDraft',
      // Guardians answer a consent slip with its one-time link.
      'GET GuardianController.openGuardianLink',
      'POST GuardianController.answerGuardianLink',
      // With the same link a guardian sees what is held about the child and makes a request (staff send their
      // token to the same POST, checked in the handler); the privacy policy is for everyone (제30조).
      'GET PrivacyRequestsController.myData',
      'POST PrivacyRequestsController.createRequest',
      'GET PrivacyPolicyController.privacyPolicy',
    ].sort());
  });
});
