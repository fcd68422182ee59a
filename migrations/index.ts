import { SchoolRegistry1764100000000 } from './1764100000000-SchoolRegistry';
import { AccountsAndAudit1764100001000 } from './1764100001000-AccountsAndAudit';
import { ClassroomInventory1764100002000 } from './1764100002000-ClassroomInventory';
import { SeedAiClassrooms1764100003000 } from './1764100003000-SeedAiClassrooms';
import { Designations1764200000000 } from './1764200000000-Designations';
import { Training1764300000000 } from './1764300000000-Training';
import { SurveyTemplates1764400000000 } from './1764400000000-SurveyTemplates';
import { SurveyCampaigns1764400001000 } from './1764400001000-SurveyCampaigns';
import { SurveySnapshots1764400002000 } from './1764400002000-SurveySnapshots';
import { Notices1764400003000 } from './1764400003000-Notices';
import { SurveyOperations1764400004000 } from './1764400004000-SurveyOperations';
import { Literacy1764500000000 } from './1764500000000-Literacy';
import { Consent1764600000000 } from './1764600000000-Consent';
import { Accounts1764700000000 } from './1764700000000-Accounts';
import { JobOutbox1764800000000 } from './1764800000000-JobOutbox';
import { SurveyAnonymity1764800001000 } from './1764800001000-SurveyAnonymity';
import { DesignationHistory1764800002000 } from './1764800002000-DesignationHistory';
import { JobOutcome1764900000000 } from './1764900000000-JobOutcome';
import { GuardianRelation1764900001000 } from './1764900001000-GuardianRelation';
import { SeoulDays1764950000000 } from './1764950000000-SeoulDays';
import { GuardianLinkAnswer1765000000000 } from './1765000000000-GuardianLinkAnswer';
import { PrivacyLifecycle1765100000000 } from './1765100000000-PrivacyLifecycle';
import { FileObjects1765216000000 } from './1765216000000-FileObjects';
import { SurveySubmitOneTrip1765300000000 } from './1765300000000-SurveySubmitOneTrip';
import { LiteracyResultsBySchoolYear1765350000000 } from './1765350000000-LiteracyResultsBySchoolYear';
import { PracticeAndCommendations1765410000000 } from './1765410000000-PracticeAndCommendations';
import { OrdinancePlans1765400000000 } from './1765400000000-OrdinancePlans';
import { LiteracyItemBank1765500000000 } from './1765500000000-LiteracyItemBank';

/** Listed explicitly (not globbed) so source, build and tests run the same set in the same order. */
export const MIGRATIONS = [
  SchoolRegistry1764100000000,
  AccountsAndAudit1764100001000,
  ClassroomInventory1764100002000,
  SeedAiClassrooms1764100003000,
  Designations1764200000000,
  Training1764300000000,
  SurveyTemplates1764400000000,
  SurveyCampaigns1764400001000,
  SurveySnapshots1764400002000,
  Notices1764400003000,
  SurveyOperations1764400004000,
  Literacy1764500000000,
  Consent1764600000000,
  Accounts1764700000000,
  JobOutbox1764800000000,
  SurveyAnonymity1764800001000,
  DesignationHistory1764800002000,
  JobOutcome1764900000000,
  GuardianRelation1764900001000,
  SeoulDays1764950000000,
  GuardianLinkAnswer1765000000000,
  PrivacyLifecycle1765100000000,
  FileObjects1765216000000,
  SurveySubmitOneTrip1765300000000,
  LiteracyResultsBySchoolYear1765350000000,
  PracticeAndCommendations1765410000000,
  OrdinancePlans1765400000000,
  LiteracyItemBank1765500000000,
];
