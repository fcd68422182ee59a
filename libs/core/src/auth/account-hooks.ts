import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type AccountsSavedHandler = (manager: EntityManager, userIds: string[]) => Promise<void>;

/**
 * Lets a feature react, inside the same transaction, when accounts are created or change their
 * teacher number or school (e.g. training links a teacher's completions to their account), so the
 * accounts library needs to know nothing about those features.
 */
@Injectable()
export class AccountHooks {
  private readonly handlers: AccountsSavedHandler[] = [];

  onAccountsSaved(handler: AccountsSavedHandler): void {
    this.handlers.push(handler);
  }

  async accountsSaved(manager: EntityManager, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    for (const handler of this.handlers) await handler(manager, userIds);
  }
}
