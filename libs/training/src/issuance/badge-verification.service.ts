import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@app/core';
import { buildStatusListCredential, createStatusChecker, encodeStatusList, signCredential, verifyCredential } from '../badges';
import { BADGE_ID, BadgeIssuer } from './badge-issuer.service';
import { BadgeKeys } from './badge-keys.service';

export const STATUS_LIST_LENGTH = 131072;

export interface StoredBadge {
  id: string;
  credential: Record<string, any>;
  jwt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  validUntil: string | null;
  earnerName: string;
  participantId: number;
  userId: string | null;
}

/** Public side of badges: the credential, its status list, and a verification anyone can run. */
@Injectable()
export class BadgeVerification {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly keys: BadgeKeys,
    private readonly issuer: BadgeIssuer,
  ) {}

  async find(id: string): Promise<StoredBadge> {
    const [row] = BADGE_ID.test(id)
      ? await this.ds.query(
          `SELECT b.id, b.credential, b.jwt, b.revoked_at AS "revokedAt", b.revoke_reason AS "revokeReason", b.valid_until AS "validUntil",
                  p.name AS "earnerName", p.id AS "participantId", p.user_id AS "userId"
           FROM badge_credentials b JOIN training_participants p ON p.id = b.participant_id WHERE b.id = $1`,
          [id],
        )
      : [];
    if (!row) throw new NotFoundError('badge', id);
    return row;
  }

  /** The revocation list, signed like the badges; bits come from the database at each request. */
  async statusListCredential() {
    const revoked: { i: number }[] = await this.ds.query(`SELECT status_index AS i FROM badge_credentials WHERE revoked_at IS NOT NULL`);
    const credential = buildStatusListCredential({
      id: this.issuer.statusListUrl(),
      issuer: this.keys.issuerId,
      encodedList: encodeStatusList(revoked.map((r) => r.i), STATUS_LIST_LENGTH),
      validFrom: new Date(),
    });
    return signCredential(credential, await this.keys.signingKey(), await this.keys.documentLoader());
  }

  /** Checks the proof, the expiry and the revocation status, and says who earned what and when. */
  async verify(id: string) {
    const badge = await this.find(id);
    const loader = await this.keys.documentLoader();
    const statusList = await this.statusListCredential();
    const result = await verifyCredential(badge.credential, loader, {
      checkStatus: createStatusChecker({
        documentLoader: loader,
        loadStatusListCredential: async (url) => {
          if (url !== this.issuer.statusListUrl()) throw new Error(`unknown status list ${url}`);
          return statusList;
        },
      }),
    });
    const subject = badge.credential.credentialSubject;
    return {
      id: badge.id,
      verified: result.verified,
      proofVerified: result.proofVerified,
      revoked: result.revoked,
      expired: result.expired,
      status: (result.revoked ? 'revoked' : result.expired ? 'expired' : result.verified ? 'valid' : 'invalid') as 'valid' | 'expired' | 'revoked' | 'invalid',
      revokeReason: badge.revokeReason,
      errors: result.errors,
      earner: badge.earnerName,
      achievement: { name: subject?.achievement?.name, description: subject?.achievement?.description, criteria: subject?.achievement?.criteria?.narrative },
      issuer: badge.credential.issuer,
      validFrom: badge.credential.validFrom,
      validUntil: badge.credential.validUntil ?? null,
    };
  }
}
