import { Injectable } from '@nestjs/common';

/** Finds the school an object belongs to; undefined when the object does not exist. */
export type SchoolOfObject = (id: number) => Promise<number | undefined>;

/**
 * Features register how to find the school behind their objects (an application, a student…),
 * so the one access guard can check any school-owned object with the one school rule.
 */
@Injectable()
export class ScopeResolvers {
  private readonly resolvers = new Map<string, SchoolOfObject>([['school', async (id) => id]]);

  register(kind: string, resolver: SchoolOfObject): void {
    if (this.resolvers.has(kind)) throw new Error(`scope resolver '${kind}' registered twice`);
    this.resolvers.set(kind, resolver);
  }

  resolve(kind: string, id: number): Promise<number | undefined> {
    const resolver = this.resolvers.get(kind);
    if (!resolver) throw new Error(`no scope resolver for '${kind}'`);
    return resolver(id);
  }
}
