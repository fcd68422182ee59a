// The school registry and its AI classrooms: equipment, clubs, change history, statistics.
// Aliases of the served OpenAPI document's schemas.
import type { components } from '../schema';

type Schemas = components['schemas'];

/** A school as lists show it (GET /schools). */
export type School = Schemas['SchoolDto'];
/** GET /schools/:id: a school with its designations. */
export type SchoolDetail = Schemas['SchoolDetailDto'];
export type SchoolPage = Schemas['SchoolPageDto'];
/** POST /schools/import. */
export type SchoolImportResult = Schemas['SchoolImportResultDto'];

export type Classroom = Schemas['ClassroomDto'];
export type SpaceType = Classroom['spaceType'];
export type ClassroomStatus = Classroom['status'];
/** PATCH /schools/:id/classroom: the fields to change. */
export type ClassroomPatch = Schemas['UpdateClassroomDto'];
export type ClassroomStats = Schemas['ClassroomStatsDto'];
/** One district's or office's row of the classroom statistics. */
export type AreaStat = Schemas['ClassroomGroupDto'];

export type EquipmentItem = Schemas['EquipmentItemDto'];
export type EquipmentCategory = EquipmentItem['category'];
export type EquipmentCondition = EquipmentItem['condition'];
/** POST /schools/:id/classroom/equipment. */
export type EquipmentInput = Schemas['CreateEquipmentDto'];
/** PATCH /schools/:id/classroom/equipment/:itemId. */
export type EquipmentPatch = Schemas['UpdateEquipmentDto'];

export type Club = Schemas['AiClubDto'];
/** POST /schools/:id/classroom/clubs. */
export type ClubInput = Schemas['CreateClubDto'];

/** A change to a classroom, its equipment or its clubs (GET /schools/:id/classroom/history). */
export type HistoryEntry = Schemas['AuditRecordDto'];
