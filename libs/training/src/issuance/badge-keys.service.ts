import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { buildControllerDocument, ControllerDocument, createDocumentLoader, DocumentLoader, IssuerKey } from '../badges';

export const ISSUER_NAME = '서울특별시교육청';

/**
 * The issuer's Ed25519 signing key: generated on first use and stored encrypted (BADGE_KEY_SECRET),
 * published with every retired key in the issuer profile so old badges keep verifying after rotation.
 */
@Injectable()
export class BadgeKeys {
  private readonly logger = new Logger('BadgeKeys');
  private active?: Promise<IssuerKey>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  get issuerId(): string {
    return `${this.config.publicBaseUrl}/api/v1/badges/issuer`;
  }

  signingKey(): Promise<IssuerKey> {
    this.active ??= this.loadOrCreate().catch((e) => {
      this.active = undefined;
      throw e;
    });
    return this.active;
  }

  private async loadOrCreate(): Promise<IssuerKey> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const [row] = await this.ds.query(`SELECT encrypted_private_key AS enc FROM badge_issuer_keys WHERE active`);
      if (row) return IssuerKey.importEncrypted(row.enc, this.config.badgeKeySecret);
      const key = await IssuerKey.generate({ issuerId: this.issuerId, keySuffix: `key-${Date.now()}` });
      // Two processes starting at once: the partial unique index lets one key win; the other reloads.
      const inserted = await this.ds.query(
        `INSERT INTO badge_issuer_keys (id, public_key_multibase, encrypted_private_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [key.id, key.publicKeyMultibase, await key.exportEncrypted(this.config.badgeKeySecret)],
      );
      if (inserted.length) {
        this.logger.log({ msg: 'generated a badge signing key', keyId: key.id });
        return key;
      }
    }
    throw new Error('could not load or create the badge signing key');
  }

  /** Retires the active key and starts a new one; badges signed with the old key still verify. */
  async rotate(): Promise<string> {
    await this.ds.query(`UPDATE badge_issuer_keys SET active = false, retired_at = now() WHERE active`);
    this.active = undefined;
    return (await this.signingKey()).id;
  }

  /** The issuer profile a verifier resolves: every key this issuer ever signed with. */
  async issuerDocument(): Promise<ControllerDocument> {
    await this.signingKey();
    const keys: { id: string; publicKeyMultibase: string }[] = await this.ds.query(`SELECT id, public_key_multibase AS "publicKeyMultibase" FROM badge_issuer_keys ORDER BY created_at`);
    return buildControllerDocument({
      issuer: { id: this.issuerId, name: ISSUER_NAME, url: this.config.publicBaseUrl },
      keys: keys.map((k) => ({ id: k.id, type: 'Multikey' as const, controller: this.issuerId, publicKeyMultibase: k.publicKeyMultibase })),
    });
  }

  async documentLoader(): Promise<DocumentLoader> {
    return createDocumentLoader({ controllerDocuments: [await this.issuerDocument()] });
  }
}
