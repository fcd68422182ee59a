// Open Badges 3.0 credential library: keys, documents, signing/verification (Data Integrity
// eddsa-rdfc-2022 and VC-JWT), Bitstring Status List revocation, and image baking.
export {
  createDocumentLoader,
  bundledContextUrls,
  DocumentLoaderError,
  VC_V2_CONTEXT_URL,
  OB_V3_CONTEXT_URL,
  DATA_INTEGRITY_V2_CONTEXT_URL,
  MULTIKEY_V1_CONTEXT_URL,
  STATUS_LIST_V1_CONTEXT_URL,
  DID_V1_CONTEXT_URL,
  type ControllerDocument,
  type DocumentLoader,
  type DocumentLoaderOptions,
  type RemoteDocument,
} from './document-loader';
export {
  IssuerKey,
  buildControllerDocument,
  type EncryptedIssuerKey,
  type IssuerKeyJson,
  type IssuerProfileInput,
  type MultikeyVerificationMethod,
} from './issuer-key';
export {
  ACHIEVEMENT_TYPES,
  buildOpenBadgeCredential,
  hashEmailIdentity,
  recipientMatchesEmail,
  toDateTime,
  type Achievement,
  type AchievementInput,
  type AchievementSubject,
  type AchievementType,
  type BitstringStatusListEntry,
  type DataIntegrityProofJson,
  type IdentityObject,
  type ImageObject,
  type IssuerProfile,
  type LanguageValue,
  type LocalizedText,
  type OpenBadgeCredential,
  type OpenBadgeInput,
  type RecipientInput,
  type TextValue,
} from './credential-build';
export { signCredential } from './credential-sign';
export { verifyCredential, type CheckStatus, type StatusCheckResult, type VerificationResult, type VerifyOptions } from './credential-verify';
export { signJwt, verifyJwt, type JwtVerificationResult } from './credential-jwt';
export {
  MIN_STATUS_LIST_LENGTH,
  buildStatusEntry,
  buildStatusListCredential,
  createStatusChecker,
  decodeStatusList,
  encodeStatusList,
  isRevoked,
  type BitstringStatusListCredential,
} from './status-list';
export {
  BADGE_FONT_FAMILY,
  OB_SVG_NAMESPACE,
  PNG_ITXT_KEYWORD,
  bakePng,
  bakeSvg,
  formatBadgeDate,
  renderBadgePng,
  renderBadgeSvg,
  unbakePng,
  unbakeSvg,
  type BadgeArt,
} from './baking';
