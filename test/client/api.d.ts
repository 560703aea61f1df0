/**
 * GENERATED from the OpenAPI document by openapi-typescript: do not edit. Regenerate with
 * `npm run openapi:client`; src/openapi-document.spec.ts fails when this file and the API drift apart.
 */

export interface paths {
    "/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan: actions of your organisation, filtered and paginated (scrutiny members receive packs instead) */
        get: operations["ActionsController_list"];
        put?: never;
        /** Create an action with its finding links and initial milestones, in one transaction */
        post: operations["ActionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One action with its findings, owner, milestones, latest update, evidence counts and stored RAG */
        get: operations["ActionsController_get"];
        put?: never;
        post?: never;
        /** Delete an action that has no milestones, progress updates or evidence (admin, board) */
        delete: operations["ActionsController_remove"];
        options?: never;
        head?: never;
        /** Change an action (admin, board: any field; the action's owner: status and progressPercent only) */
        patch: operations["ActionsController_update"];
        trace?: never;
    };
    "/actions/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an action's evidence, newest first (withdrawn items only for admins, with includeWithdrawn=true) */
        get: operations["ActionEvidenceController_list"];
        put?: never;
        /**
         * Upload a file as evidence for an action (owners: their own actions; board and admin: any)
         * @description Streamed to storage, never held in memory. The type is judged from the content; the file name is cleaned for display and never used as a path. Scanned for malware before it becomes visible. The same content is stored once.
         */
        post: operations["ActionEvidenceController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An action's milestones, in plan order */
        get: operations["MilestonesController_list"];
        put?: never;
        /** Add a milestone (admin, board) */
        post: operations["MilestonesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}/milestones/{milestoneId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a milestone with no evidence attached (admin, board) */
        delete: operations["MilestonesController_remove"];
        options?: never;
        head?: never;
        /** Change a milestone (admin, board: any field; the action's owner: completedOn only) */
        patch: operations["MilestonesController_update"];
        trace?: never;
    };
    "/actions/{id}/rag-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An action's RAG colour at each reporting date, newest first */
        get: operations["RagHistoryController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}/rag-override": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Override an action's RAG colour with a reason and an expiry (board, admin) */
        post: operations["RagOverrideController_set"];
        /** End an action's active RAG override (board, admin) */
        delete: operations["RagOverrideController_end"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An action's progress updates, newest first */
        get: operations["ProgressUpdatesController_list"];
        put?: never;
        /** Add a progress update (admin, board, or the action's owner); status and progressPercent also update the action */
        post: operations["ProgressUpdatesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail of your organisation: who changed what, when, before and after */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute your organisation's audit hash chain and report the first broken link, if any (admin) */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password: a bearer token for every other operation */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who you are: your user, role and organisation */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password; every earlier token and web session stops working */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The improvement board's dashboard at a reporting date: colour counts, overdue milestones, evidence awaiting review, trend */
        get: operations["DashboardController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evidence/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One evidence item with its review history */
        get: operations["EvidenceController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evidence/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the file (always as an attachment; supports single byte ranges and ETag revalidation) */
        get: operations["EvidenceController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evidence/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept or reject submitted evidence (board and admin; never your own upload; a comment is required to reject) */
        post: operations["EvidenceController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evidence/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw your own unreviewed evidence: it leaves lists, stays readable by admins and in the audit trail, and is never deleted */
        post: operations["EvidenceController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Findings (what the regulator said must improve), filtered and paginated */
        get: operations["FindingsController_list"];
        put?: never;
        /** Record a finding of an inspection, with its reference in the report */
        post: operations["FindingsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One finding with its inspection, notice and theme */
        get: operations["FindingsController_get"];
        put?: never;
        post?: never;
        /** Delete a finding that no action answers */
        delete: operations["FindingsController_remove"];
        options?: never;
        head?: never;
        /** Change a finding (send the version you read) */
        patch: operations["FindingsController_update"];
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the API process answers */
        get: operations["HealthController_alive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Redis answer, with the consumers of each queue */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inspections (regulatory events) of your organisation, filtered and paginated */
        get: operations["InspectionsController_list"];
        put?: never;
        /** Record an inspection: regulator, kind, dates, report reference and judgements */
        post: operations["InspectionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One inspection with its judgements */
        get: operations["InspectionsController_get"];
        put?: never;
        post?: never;
        /** Delete an inspection that no finding or notice depends on */
        delete: operations["InspectionsController_remove"];
        options?: never;
        head?: never;
        /** Change an inspection (send the version you read) */
        patch: operations["InspectionsController_update"];
        trace?: never;
    };
    "/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** State and progress of a RAG recompute or pack job (the statusUrl of a 202 answer) */
        get: operations["JobsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notices (Section 50, improvement notices, ...) of your organisation, filtered and paginated */
        get: operations["NoticesController_list"];
        put?: never;
        /** Record a notice that follows an inspection */
        post: operations["NoticesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notice with its status history */
        get: operations["NoticesController_get"];
        put?: never;
        post?: never;
        /** Delete a notice that no finding falls under */
        delete: operations["NoticesController_remove"];
        options?: never;
        head?: never;
        /** Change a notice or move its status (send the version you read) */
        patch: operations["NoticesController_update"];
        trace?: never;
    };
    "/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Packs of your organisation, newest first (scrutiny members: published scrutiny packs only) */
        get: operations["PacksController_list"];
        put?: never;
        /** Request a progress pack for a reporting date; it is built by a background job (poll statusUrl) */
        post: operations["PacksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/packs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One pack: state, progress and, once ready, its files */
        get: operations["PacksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/packs/{id}/files/{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download one file of a ready pack, as an attachment */
        get: operations["PacksController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/packs/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a ready scrutiny pack to scrutiny members; a published pack never changes */
        post: operations["PacksController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rag/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the RAG of every action of your organisation in the background (poll statusUrl) */
        post: operations["RagRecomputeController_recompute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/regulators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in regulators (CQC, Ofsted, HMICFRS) and your own, with their scales, inspection kinds and finding themes */
        get: operations["RegulatorsController_list"];
        put?: never;
        /** Add a regulator of your own (e.g. Care Inspectorate Wales) with its judgement scale */
        post: operations["RegulatorsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/regulators/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One regulator with its scale, inspection kinds and finding themes */
        get: operations["RegulatorsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/rag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your organisation's current RAG policy and its version */
        get: operations["RagSettingsController_get"];
        /** Change the RAG policy (admin): a new version, then every action is recomputed */
        put: operations["RagSettingsController_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users of your organisation, filtered and paginated */
        get: operations["UsersController_list"];
        put?: never;
        /** Create a user with a role and an initial password (admin) */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user of your organisation */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's details, role or password, or deactivate them (admin) */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/workstreams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workstreams (priorities, key outcomes) of the plan, in plan order */
        get: operations["WorkstreamsController_list"];
        put?: never;
        /** Add a workstream to the plan */
        post: operations["WorkstreamsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workstreams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One workstream */
        get: operations["WorkstreamsController_get"];
        put?: never;
        post?: never;
        /** Delete a workstream that has no actions */
        delete: operations["WorkstreamsController_remove"];
        options?: never;
        head?: never;
        /** Change a workstream (send the version you read) */
        patch: operations["WorkstreamsController_update"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ActionDto: {
            /** Format: date */
            completedOn: string | null;
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** Format: date */
            dueDate: string;
            /** Format: date */
            effectivenessCheckDue: string | null;
            /** Format: date */
            embeddedOn: string | null;
            evidence: components["schemas"]["EvidenceCountsDto"];
            findings: components["schemas"]["FindingRefDto"][];
            /** Format: uuid */
            id: string;
            latestUpdate: components["schemas"]["ProgressUpdateDto"] | null;
            leadAgency: string | null;
            milestones: components["schemas"]["MilestoneDto"][];
            owner: components["schemas"]["PersonRefDto"];
            progressPercent: number;
            /** @description null until the RAG worker has computed it */
            rag: components["schemas"]["ActionRagDto"] | null;
            /** @example A1.3 */
            reference: string;
            /** Format: date */
            startDate: string | null;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            successMeasures: string;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description send it back with PATCH; a stale one gets 409 */
            version: number;
            workstream: components["schemas"]["WorkstreamRefDto"];
        };
        ActionPageDto: {
            items: components["schemas"]["ActionSummaryDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        ActionRagDto: {
            /**
             * Format: date
             * @description the reporting date it was computed for
             */
            asOf: string | null;
            /** @enum {string} */
            colour: "red" | "amber" | "green" | "blue" | "grey";
            /** Format: date-time */
            computedAt: string | null;
            /** @description true when a board override set the colour */
            overridden: boolean;
            policyVersion: number | null;
            reasons: components["schemas"]["RagReasonDto"][];
        };
        ActionSummaryDto: {
            /** Format: date */
            completedOn: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            dueDate: string;
            /** Format: date */
            effectivenessCheckDue: string | null;
            /** Format: date */
            embeddedOn: string | null;
            /** Format: uuid */
            id: string;
            leadAgency: string | null;
            owner: components["schemas"]["PersonRefDto"];
            progressPercent: number;
            /** @description null until the RAG worker has computed it */
            rag: components["schemas"]["ActionRagDto"] | null;
            /** @example A1.3 */
            reference: string;
            /** Format: date */
            startDate: string | null;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description send it back with PATCH; a stale one gets 409 */
            version: number;
            workstream: components["schemas"]["WorkstreamRefDto"];
        };
        AuditChainBreakDto: {
            /** Format: uuid */
            eventId: string;
            /** @description what the chain requires here */
            expected: string;
            /** @description what the stored event holds */
            found: string;
            /**
             * @description sequence: an event before it is missing (deleted) or one was inserted; previous_hash: it does not carry the previous event's hash (that one was rewritten or removed); hash: its own fields were edited; time: it is dated before the event before it
             * @enum {string}
             */
            problem: "sequence" | "previous_hash" | "hash" | "time";
            /**
             * @description sequence number of the first event whose link does not hold
             * @example 17
             */
            seq: string;
        };
        AuditChainHeadDto: {
            /** Format: uuid */
            eventId: string;
            /**
             * @description SHA-256 (hex) of the event, chained to every event before it
             * @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
             */
            hash: string;
            /** Format: date-time */
            occurredAt: string;
            /**
             * @description sequence number within the organisation (a decimal string: bigint)
             * @example 1042
             */
            seq: string;
        };
        AuditChainReportDto: {
            /** @description events verified before the first broken link (all of them when valid) */
            eventsVerified: number;
            firstBreak: components["schemas"]["AuditChainBreakDto"] | null;
            /** @description the last verified event; record it elsewhere to notice later if the newest events were removed */
            head: components["schemas"]["AuditChainHeadDto"] | null;
            /** Format: uuid */
            organisationId: string;
            /** @description true when every event links to the one before it and to its own fields */
            valid: boolean;
        };
        AuditEventDto: {
            /** @example update */
            action: string;
            /** Format: uuid */
            actorId: string | null;
            /**
             * @description 'user' or 'system' (worker, CLI)
             * @example user
             */
            actorKind: string;
            /** @description { field: { before, after } } */
            changes: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            entityId: string;
            /** @example action */
            entityType: string;
            /** @description SHA-256 (hex) of this event, chained to the previous one; GET /audit-events/verify checks the chain */
            hash: string;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description the database server's time when the event was written
             */
            occurredAt: string;
            /** Format: uuid */
            organisationId: string;
            /** @description the previous event's hash (64 zeros for the first) */
            prevHash: string;
            requestId: string | null;
            /**
             * @description position in the organisation's audit chain, 1, 2, 3... (a decimal string: bigint)
             * @example 42
             */
            seq: string;
        };
        AuditEventPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        ChangePasswordDto: {
            currentPassword: string;
            /** @description ends every other token and web session of the user */
            newPassword: string;
        };
        ColourCountsDto: {
            /** @example 5 */
            amber: number;
            /** @example 4 */
            blue: number;
            /** @example 12 */
            green: number;
            /** @example 2 */
            grey: number;
            /** @example 3 */
            red: number;
        };
        CqcAssessmentDto: {
            /** @example 36 */
            max: number;
            /**
             * @description total / max as a percentage, one decimal place
             * @example 50
             */
            percent: number;
            /** @example Requires improvement */
            rating: string;
            themes: components["schemas"]["CqcThemeScoresDto"][];
            /**
             * @description sum of the nine scores
             * @example 18
             */
            total: number;
            /**
             * @description the percentage rounded to the nearest whole number, read against the bands 25-38 Inadequate, 39-62 Requires improvement, 63-87 Good, 88+ Outstanding
             * @example 50
             */
            wholePercent: number;
        };
        CqcQualityStatementScoreDto: {
            /** @example safeguarding */
            key: string;
            /** @example Safeguarding */
            label: string;
            /** @example 1 */
            score: number;
        };
        CqcThemeScoresDto: {
            /** @example ensuring_safety */
            key: string;
            /** @example How the local authority ensures safety within the system */
            label: string;
            statements: components["schemas"]["CqcQualityStatementScoreDto"][];
        };
        CreateActionDto: {
            /** @default  */
            description: string;
            /**
             * Format: date
             * @description not before startDate
             * @example 2026-09-30
             */
            dueDate: string;
            /**
             * Format: date
             * @description only with status complete; defaults to completion + 90 days
             */
            effectivenessCheckDue?: string;
            /** @description the findings this action answers (at least one) */
            findingIds: string[];
            /** @example Merseyside Police */
            leadAgency?: string | null;
            /** @description created with the action, in one transaction */
            milestones?: components["schemas"]["InitialMilestoneDto"][];
            /**
             * Format: uuid
             * @description an active user of your organisation (not a scrutiny member)
             */
            ownerId: string;
            /**
             * @description 100 when complete
             * @default 0
             */
            progressPercent: number;
            /**
             * @description unique within the organisation
             * @example A1.3
             */
            reference: string;
            /**
             * Format: date
             * @description when work starts (London)
             * @example 2026-01-05
             */
            startDate?: string | null;
            /**
             * @description complete stamps completedOn; embedded only from complete
             * @default not_started
             * @enum {string}
             */
            status: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            /**
             * @description how the council will know it worked
             * @default
             */
            successMeasures: string;
            /** @example Implement a multi-agency safeguarding audit programme */
            title: string;
            /**
             * Format: uuid
             * @description a workstream (priority / key outcome) of your organisation
             */
            workstreamId: string;
        };
        CreatedProgressUpdateDto: {
            /** Format: uuid */
            actionId: string;
            /** @description the action's version after this update (send it with your next change) */
            actionVersion: number;
            author: components["schemas"]["ProgressUpdateAuthorDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            narrative: string;
            progressPercentAtTime: number;
            /**
             * @description the action's status once this update was saved
             * @enum {string}
             */
            statusAtTime: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            /** Format: date */
            updateDate: string;
        };
        CreateFindingDto: {
            /**
             * Format: uuid
             * @description the inspection (in your organisation) the finding comes from
             */
            inspectionId: string;
            /**
             * Format: uuid
             * @description the notice it falls under; must follow the same inspection if the notice names one
             */
            noticeId?: string | null;
            /**
             * @description its reference in the report; unique within the inspection
             * @example QS-SAFE-1
             */
            reference: string;
            /**
             * @description only where the regulator scores (CQC): 1 significant shortfalls, 2 some shortfalls, 3 good standard, 4 exceptional standard
             * @example 1
             */
            score?: number | null;
            /**
             * @default
             * @example Evidence shows significant shortfalls for the safeguarding element of the assessment.
             */
            text: string;
            /**
             * @description CQC inspections: a quality statement key (e.g. safeguarding); Ofsted: an ILACS judgement key (e.g. help_and_protection); other regulators: free text. GET /regulators lists each regulator's findingThemes.
             * @example safeguarding
             */
            theme?: string | null;
            /** @example Safeguarding: significant shortfalls */
            title: string;
            /** @enum {string} */
            type: "area_for_improvement" | "area_for_priority_action" | "recommendation" | "requirement";
        };
        CreateInspectionDto: {
            /**
             * Format: date
             * @description last day on site; not before startDate
             * @example 2025-03-14
             */
            endDate?: string | null;
            /** @description Ofsted ILACS (full or short) only: all five judgements (impact_of_leaders, help_and_protection, children_in_care, care_leavers, overall_effectiveness), each 'Outstanding', 'Good', 'Requires improvement to be good' or 'Inadequate'. The overall judgement is overall_effectiveness. */
            judgements?: {
                [key: string]: string;
            } | null;
            /**
             * @description must be one of the regulator's inspectionKinds
             * @enum {string}
             */
            kind: "cqc_la_assessment" | "ofsted_ilacs_full" | "ofsted_ilacs_short" | "ofsted_focused_visit" | "ofsted_monitoring_visit" | "jtai" | "other";
            /**
             * @description On the regulator's own scale. Derived for a CQC local authority assessment (from the scores) and an ILACS inspection with judgements: leave it out, or send the same value. Not allowed for ungraded visits (focused, monitoring, JTAI).
             * @example Requires improvement
             */
            overallJudgement?: string | null;
            /**
             * Format: date
             * @description when the report was published; not before startDate
             * @example 2025-06-20
             */
            publishedDate?: string | null;
            /**
             * @description CQC local authority assessment only: all nine quality statement keys (see GET /regulators, findingThemes of CQC), each a whole number 1-4. The overall rating is derived from them.
             * @example {
             *       "assessing_needs": 2,
             *       "supporting_healthier_lives": 2,
             *       "equity_in_experience_and_outcomes": 2,
             *       "care_provision_integration_continuity": 2,
             *       "partnerships_and_communities": 3,
             *       "safe_pathways_systems_transitions": 2,
             *       "safeguarding": 1,
             *       "governance_management_sustainability": 2,
             *       "learning_improvement_innovation": 2
             *     }
             */
            qualityStatementScores?: {
                [key: string]: number;
            } | null;
            /**
             * Format: uuid
             * @description a built-in regulator or one of your own (GET /regulators)
             */
            regulatorId: string;
            /** @example CQC LA assessment report 2025 */
            reportReference?: string | null;
            /** @example https://www.cqc.org.uk/care-services/local-authority-assessments */
            reportUrl?: string | null;
            /**
             * Format: date
             * @description first day of the inspection or assessment
             * @example 2025-03-03
             */
            startDate: string;
            /** @example CQC assessment of adult social care 2025 */
            title: string;
        };
        CreateMilestoneDto: {
            /**
             * @description allow a due date after the action due date (said explicitly)
             * @default false
             */
            allowAfterActionDue: boolean;
            /**
             * Format: date
             * @description the day it was done (London); not in the future
             * @example 2026-02-10
             */
            completedOn?: string;
            /**
             * Format: date
             * @description not after the action due date unless allowAfterActionDue is true
             * @example 2026-03-31
             */
            dueDate: string;
            /** @description position in the action; defaults to after the last one */
            sortOrder?: number;
            /** @example Multi-agency audit of 30 cases completed */
            title: string;
        };
        CreateNoticeDto: {
            /**
             * Format: date
             * @description by when it must be met; not before issuedOn
             * @example 2026-07-31
             */
            deadline?: string | null;
            /**
             * @description what the notice says is failing
             * @example Safeguarding enquiries are not consistently timely or overseen.
             */
            failings?: string;
            /**
             * Format: uuid
             * @description the inspection the notice follows, in your organisation
             */
            inspectionId?: string | null;
            /**
             * Format: date
             * @description the date on the notice or letter
             * @example 2025-07-15
             */
            issuedOn: string;
            /**
             * @description section_50: CQC notified the Secretary of State (Health and Social Care Act 2008 s.50); dfe_improvement_notice: a Department for Education improvement notice, with requirements and review dates; statutory_direction: a direction from the Secretary of State, with requirements; ministerial_letter: a minister’s letter with expectations
             * @enum {string}
             */
            kind: "section_50" | "dfe_improvement_notice" | "statutory_direction" | "ministerial_letter";
            /**
             * @description what must be done, and by when
             * @example Submit an improvement plan within 30 days; report progress quarterly.
             */
            requirements?: string;
            /**
             * @description a notice recorded after the event may start downgraded or closed
             * @default open
             * @enum {string}
             */
            status: "open" | "downgraded" | "closed";
            /**
             * Format: date
             * @description on create: when the starting status took effect (defaults to issuedOn)
             */
            statusChangedOn?: string;
            /** @description a note for the status history */
            statusNote?: string;
            /** @example Section 50 notice: failure to discharge Care Act safeguarding duties */
            title: string;
        };
        CreatePackDto: {
            /**
             * Format: date
             * @description reporting date (Europe/London); today or earlier
             * @example 2026-11-23
             */
            asOf: string;
            /**
             * @description board: the detailed internal pack (names owners); scrutiny: the summary for elected members (no personal data)
             * @enum {string}
             */
            audience: "board" | "scrutiny";
            /**
             * @description the files to produce; all four when omitted
             * @example [
             *       "pdf",
             *       "xlsx"
             *     ]
             */
            formats?: ("pdf" | "docx" | "xlsx" | "json")[];
            /** @description printed on the cover; by default "<organisation> improvement plan: progress and exception report" (board) or "...: progress report" (scrutiny) */
            title?: string;
        };
        CreateProgressUpdateDto: {
            /** @description the action version you read; when given, a stale one gets 409 and nothing is saved */
            actionVersion?: number;
            /** @example Audit of 30 cases completed; findings to the March board. */
            narrative: string;
            /** @description also sets the action's progress */
            progressPercent?: number;
            /**
             * @description also sets the action's status, in the same transaction
             * @enum {string}
             */
            status?: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            /**
             * Format: date
             * @description defaults to today (London); not in the future
             */
            updateDate?: string;
        };
        CreateRegulatorDto: {
            /**
             * @description short code, lower case letters, digits, '_' or '-'; not a built-in one (cqc, ofsted, hmicfrs)
             * @example ciw
             */
            code: string;
            /**
             * @description the overall judgement scale, best first; empty (the default) when the regulator does not grade
             * @example [
             *       "Excellent",
             *       "Good",
             *       "Adequate",
             *       "Poor"
             *     ]
             */
            judgementScale?: string[];
            /** @example Care Inspectorate Wales */
            name: string;
        };
        CreateUserDto: {
            /** @example jo.bloggs@council.gov.uk */
            email: string;
            /**
             * @description role or team, shown instead of the name in scrutiny packs
             * @example Head of Safeguarding
             */
            jobTitle?: string;
            /** @example Jo Bloggs */
            name: string;
            /** @example Merseyside Police */
            partnerAgency?: string;
            password: string;
            /** @enum {string} */
            role: "admin" | "board" | "owner" | "scrutiny";
        };
        CreateWorkstreamDto: {
            /**
             * @description short code, unique in your organisation
             * @example KO1
             */
            code: string;
            /**
             * @default
             * @example More assured oversight and clear referral pathways.
             */
            description: string;
            /**
             * @description the lead's role (packs show roles, not names)
             * @example Principal Social Worker
             */
            leadRole?: string | null;
            /**
             * @description position in the plan; defaults to after the last one
             * @example 1
             */
            sortOrder?: number;
            /** @example Improved safeguarding practice */
            title: string;
        };
        DashboardDto: {
            /**
             * Format: date
             * @description the reporting date (London)
             */
            asOf: string;
            byInspection: components["schemas"]["InspectionRollUpDto"][];
            /** @description actions counted under a notice through the findings they answer */
            byNotice: components["schemas"]["NoticeRollUpDto"][];
            byRegulator: components["schemas"]["RegulatorRollUpDto"][];
            byWorkstream: components["schemas"]["WorkstreamRollUpDto"][];
            /** @description false when asOf has no snapshots: the colour counts are then all zero, not invented */
            coloursAvailable: boolean;
            /**
             * @description 'stored': the actions' current colours (asOf is today); 'snapshot': the snapshots taken for asOf
             * @enum {string}
             */
            colourSource: "stored" | "snapshot";
            /** @description evidence submitted (not withdrawn) and not yet reviewed */
            evidenceAwaitingReview: components["schemas"]["EvidenceAwaitingReviewListDto"];
            /**
             * @description the most items each list (milestones, evidence) carries; `total` counts them all
             * @example 100
             */
            limit: number;
            /** @example No RAG snapshots exist for 2026-10-01; queue a recompute for that date (POST /api/v1/rag/recompute) to record them. */
            note?: string | null;
            /** @description every action of the organisation */
            overall: components["schemas"]["RollUpDto"];
            /** @description milestones not completed by asOf whose due date is before asOf */
            overdueMilestones: components["schemas"]["OverdueMilestoneListDto"];
            /** @description colour counts at each of the last 12 snapshot dates up to asOf, oldest first */
            trend: components["schemas"]["TrendPointDto"][];
            /** @description milestones not completed, due from asOf to 30 days after it */
            upcomingMilestones: components["schemas"]["UpcomingMilestoneListDto"];
        };
        ErrorBodyDto: {
            /**
             * @description What went wrong, stable and snake_case: branch on it, not on the message. Codes by feature: common: validation_failed, not_found, forbidden, unauthenticated, stale_version, has_dependents, already_exists, conflict, malformed_json, payload_too_large, unreadable_body, unsupported_media_type, method_not_allowed, rate_limited, bad_request, service_unavailable, internal_error; auth: invalid_credentials, too_many_login_attempts; users: email_taken, current_password_incorrect, password_unchanged; organisations: organisation_exists, email_taken; inspections: code_taken; findings: reference_taken; workstreams: code_taken; actions: reference_taken, append_only; evidence: file_too_large, unsupported_file_type, multipart_required, malformed_upload, upload_aborted, malware_detected, storage_unavailable, scanner_unavailable, stored_file_missing, already_superseded, already_reviewed, evidence_withdrawn, range_not_satisfiable; packs: pack_not_ready, not_a_scrutiny_pack, already_published, queue_unavailable; imports: file_empty, file_too_large, unsupported_file_type, legacy_excel_file, archive_corrupt, archive_encrypted, archive_too_many_entries, archive_too_large, archive_compression_ratio, workbook_unreadable, too_many_cells, too_many_rows, too_many_columns, no_sheet_to_import, sheet_not_found, header_row_not_found, csv_malformed, text_encoding_unsupported, invalid_mapping; notifications: invalid_unsubscribe_token, expired_unsubscribe_token; web: sign_in_required, csrf_token_invalid.
             * @example stale_version
             */
            code: components["schemas"]["ErrorCode"];
            /**
             * @description more, by code: the fields at fault and their problems (validation_failed), currentVersion (stale_version), dependents (has_dependents), ...
             * @example {
             *       "currentVersion": 4
             *     }
             */
            details?: Record<string, never> | Record<string, never>[];
            /**
             * @description the HTTP reason phrase
             * @example Conflict
             */
            error: string;
            /** @example Action was changed by someone else (current version 4); reload and try again */
            message: string;
            /**
             * @description quote it when reporting a problem
             * @example b7c1e2d4-3f5a-4c6b-9d8e-0a1b2c3d4e5f
             */
            requestId: string;
            /** @example 409 */
            statusCode: number;
        };
        /**
         * @description What went wrong, stable and snake_case: branch on it, not on the message. Codes by feature: common: validation_failed, not_found, forbidden, unauthenticated, stale_version, has_dependents, already_exists, conflict, malformed_json, payload_too_large, unreadable_body, unsupported_media_type, method_not_allowed, rate_limited, bad_request, service_unavailable, internal_error; auth: invalid_credentials, too_many_login_attempts; users: email_taken, current_password_incorrect, password_unchanged; organisations: organisation_exists, email_taken; inspections: code_taken; findings: reference_taken; workstreams: code_taken; actions: reference_taken, append_only; evidence: file_too_large, unsupported_file_type, multipart_required, malformed_upload, upload_aborted, malware_detected, storage_unavailable, scanner_unavailable, stored_file_missing, already_superseded, already_reviewed, evidence_withdrawn, range_not_satisfiable; packs: pack_not_ready, not_a_scrutiny_pack, already_published, queue_unavailable; imports: file_empty, file_too_large, unsupported_file_type, legacy_excel_file, archive_corrupt, archive_encrypted, archive_too_many_entries, archive_too_large, archive_compression_ratio, workbook_unreadable, too_many_cells, too_many_rows, too_many_columns, no_sheet_to_import, sheet_not_found, header_row_not_found, csv_malformed, text_encoding_unsupported, invalid_mapping; notifications: invalid_unsubscribe_token, expired_unsubscribe_token; web: sign_in_required, csrf_token_invalid.
         * @enum {string}
         */
        ErrorCode: "already_exists" | "already_published" | "already_reviewed" | "already_superseded" | "append_only" | "archive_compression_ratio" | "archive_corrupt" | "archive_encrypted" | "archive_too_large" | "archive_too_many_entries" | "bad_request" | "code_taken" | "conflict" | "csrf_token_invalid" | "csv_malformed" | "current_password_incorrect" | "email_taken" | "evidence_withdrawn" | "expired_unsubscribe_token" | "file_empty" | "file_too_large" | "forbidden" | "has_dependents" | "header_row_not_found" | "internal_error" | "invalid_credentials" | "invalid_mapping" | "invalid_unsubscribe_token" | "legacy_excel_file" | "malformed_json" | "malformed_upload" | "malware_detected" | "method_not_allowed" | "multipart_required" | "no_sheet_to_import" | "not_a_scrutiny_pack" | "not_found" | "organisation_exists" | "pack_not_ready" | "password_unchanged" | "payload_too_large" | "queue_unavailable" | "range_not_satisfiable" | "rate_limited" | "reference_taken" | "scanner_unavailable" | "service_unavailable" | "sheet_not_found" | "sign_in_required" | "stale_version" | "storage_unavailable" | "stored_file_missing" | "text_encoding_unsupported" | "too_many_cells" | "too_many_columns" | "too_many_login_attempts" | "too_many_rows" | "unauthenticated" | "unreadable_body" | "unsupported_file_type" | "unsupported_media_type" | "upload_aborted" | "validation_failed" | "workbook_unreadable";
        EvidenceAwaitingReviewDto: {
            /** Format: uuid */
            actionId: string;
            /** @example A1.3 */
            actionReference: string;
            /**
             * @description days from upload to asOf
             * @example 9
             */
            ageDays: number;
            /** Format: uuid */
            evidenceId: string;
            title: string;
            /** Format: date-time */
            uploadedAt: string;
            /** Format: uuid */
            uploadedById: string;
            uploadedByName: string;
            /**
             * Format: date
             * @description the London day it was uploaded
             */
            uploadedOn: string;
        };
        EvidenceAwaitingReviewListDto: {
            items: components["schemas"]["EvidenceAwaitingReviewDto"][];
            /**
             * @description all of them; items holds the first `limit`, oldest first
             * @example 4
             */
            total: number;
        };
        EvidenceCountsDto: {
            accepted: number;
            rejected: number;
            /** @description awaiting review (withdrawn items not counted) */
            submitted: number;
            /** @description withdrawn by the uploader; kept for the record */
            withdrawn: number;
        };
        EvidenceDetailDto: {
            /** Format: uuid */
            actionId: string;
            /**
             * @description judged from the content
             * @example application/pdf
             */
            contentType: string;
            /**
             * @description where to download the file
             * @example /api/v1/evidence/0b1c.../content
             */
            contentUrl: string;
            description: string;
            /**
             * @description the uploaded name, cleaned for display (never a path)
             * @example Q3 audit.pdf
             */
            fileName: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            milestoneId: string | null;
            /** @description the latest review comment */
            reviewComment: string | null;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: components["schemas"]["EvidencePersonDto"] | null;
            reviews: components["schemas"]["EvidenceReviewDto"][];
            /** @enum {string} */
            reviewState: "submitted" | "accepted" | "rejected";
            /**
             * @description hex SHA-256 of the content, also the download ETag
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            sha256: string;
            /** @example 482113 */
            sizeBytes: number;
            /**
             * Format: uuid
             * @description the upload that replaced this rejected item
             */
            supersededById: string | null;
            /**
             * Format: uuid
             * @description the rejected item this upload replaces
             */
            supersedesId: string | null;
            /** @example Safeguarding audit, Q3 2026 */
            title: string;
            /** Format: date-time */
            uploadedAt: string;
            uploadedBy: components["schemas"]["EvidencePersonDto"];
            /** @example 1 */
            version: number;
            /**
             * Format: date-time
             * @description set when the uploader withdrew it (admins only see it then)
             */
            withdrawnAt: string | null;
            withdrawnBy: components["schemas"]["EvidencePersonDto"] | null;
        };
        EvidenceDto: {
            /** Format: uuid */
            actionId: string;
            /**
             * @description judged from the content
             * @example application/pdf
             */
            contentType: string;
            /**
             * @description where to download the file
             * @example /api/v1/evidence/0b1c.../content
             */
            contentUrl: string;
            description: string;
            /**
             * @description the uploaded name, cleaned for display (never a path)
             * @example Q3 audit.pdf
             */
            fileName: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            milestoneId: string | null;
            /** @description the latest review comment */
            reviewComment: string | null;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: components["schemas"]["EvidencePersonDto"] | null;
            /** @enum {string} */
            reviewState: "submitted" | "accepted" | "rejected";
            /**
             * @description hex SHA-256 of the content, also the download ETag
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            sha256: string;
            /** @example 482113 */
            sizeBytes: number;
            /**
             * Format: uuid
             * @description the upload that replaced this rejected item
             */
            supersededById: string | null;
            /**
             * Format: uuid
             * @description the rejected item this upload replaces
             */
            supersedesId: string | null;
            /** @example Safeguarding audit, Q3 2026 */
            title: string;
            /** Format: date-time */
            uploadedAt: string;
            uploadedBy: components["schemas"]["EvidencePersonDto"];
            /** @example 1 */
            version: number;
            /**
             * Format: date-time
             * @description set when the uploader withdrew it (admins only see it then)
             */
            withdrawnAt: string | null;
            withdrawnBy: components["schemas"]["EvidencePersonDto"] | null;
        };
        EvidencePageDto: {
            items: components["schemas"]["EvidenceDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        EvidencePersonDto: {
            /** Format: uuid */
            id: string;
            /** @example Jo Bloggs */
            name: string;
        };
        EvidenceReviewDto: {
            comment: string;
            /** @enum {string} */
            decision: "accepted" | "rejected";
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            reviewedAt: string;
            reviewer: components["schemas"]["EvidencePersonDto"];
        };
        FindingDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspectionId: string;
            /** Format: uuid */
            noticeId: string | null;
            /** @example QS-SAFE-1 */
            reference: string;
            /** @example 1 */
            score: number | null;
            text: string;
            /** @example safeguarding */
            theme: string | null;
            /**
             * @description the quality statement or judgement in words, where the theme is one
             * @example Safeguarding
             */
            themeLabel: string | null;
            title: string;
            /** @enum {string} */
            type: "area_for_improvement" | "area_for_priority_action" | "recommendation" | "requirement";
            /** @example Area for priority action */
            typeLabel: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        FindingPageDto: {
            items: components["schemas"]["FindingDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        FindingRefDto: {
            /** Format: uuid */
            id: string;
            /** @example QS-SAFE-1 */
            reference: string;
            title: string;
        };
        FindingThemeDto: {
            /**
             * @description the CQC theme a quality statement sits under
             * @example ensuring_safety
             */
            group?: string;
            /** @example safeguarding */
            key: string;
            /** @example Safeguarding */
            label: string;
        };
        IlacsJudgementDto: {
            /** @example Requires improvement to be good */
            grade: string;
            /** @example help_and_protection */
            key: string;
            /** @example The experiences and progress of children who need help and protection */
            label: string;
        };
        InitialMilestoneDto: {
            /**
             * @description allow a due date after the action due date (said explicitly)
             * @default false
             */
            allowAfterActionDue: boolean;
            /**
             * Format: date
             * @description not after the action due date unless allowAfterActionDue is true
             * @example 2026-03-31
             */
            dueDate: string;
            /** @example Multi-agency audit of 30 cases completed */
            title: string;
        };
        InspectionDto: {
            /** @description CQC LA assessments with scores: the percentage and the themes with their statements */
            cqcAssessment: components["schemas"]["CqcAssessmentDto"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            endDate: string | null;
            /** Format: uuid */
            id: string;
            /** @description Ofsted ILACS: the five judgements with their labels */
            ilacsJudgements: components["schemas"]["IlacsJudgementDto"][] | null;
            judgements: {
                [key: string]: string;
            } | null;
            /** @enum {string} */
            kind: "cqc_la_assessment" | "ofsted_ilacs_full" | "ofsted_ilacs_short" | "ofsted_focused_visit" | "ofsted_monitoring_visit" | "jtai" | "other";
            /** @example CQC local authority assessment */
            kindLabel: string;
            /** @example Requires improvement */
            overallJudgement: string | null;
            /** Format: date */
            publishedDate: string | null;
            qualityStatementScores: {
                [key: string]: number;
            } | null;
            regulator: components["schemas"]["RegulatorSummaryDto"];
            /** Format: uuid */
            regulatorId: string;
            reportReference: string | null;
            reportUrl: string | null;
            /** Format: date */
            startDate: string;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        InspectionKindDto: {
            /**
             * @description cqc_scores: nine quality statement scores, overall derived; ofsted_judgements: five ILACS judgements, overall = overall_effectiveness; overall_only: an overall judgement on the scale may be given; ungraded: no judgement
             * @enum {string}
             */
            assessment: "cqc_scores" | "ofsted_judgements" | "overall_only" | "ungraded";
            /** @enum {string} */
            key: "cqc_la_assessment" | "ofsted_ilacs_full" | "ofsted_ilacs_short" | "ofsted_focused_visit" | "ofsted_monitoring_visit" | "jtai" | "other";
            /** @example CQC local authority assessment */
            label: string;
        };
        InspectionPageDto: {
            items: components["schemas"]["InspectionDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        InspectionRollUpDto: {
            /**
             * @description Blue if every action is Blue, else the worst colour among the rest; null with no actions
             * @enum {string|null}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey" | null;
            counts: components["schemas"]["ColourCountsDto"];
            /** Format: uuid */
            id: string;
            /** @example cqc_la_assessment */
            kind: string;
            /**
             * @description actions whose colour has not been computed yet (new, recompute pending); not in the roll-up
             * @example 0
             */
            notComputed: number;
            /** Format: uuid */
            regulatorId: string;
            title: string;
            /**
             * @description actions with a colour
             * @example 26
             */
            total: number;
        };
        JobAcceptedDto: {
            /** @example rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01 */
            jobId: string;
            /** @example /api/v1/jobs/rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01 */
            statusUrl: string;
        };
        JobStatusDto: {
            /**
             * @description attempts made so far (failed attempts are retried with backoff)
             * @example 0
             */
            attemptsMade: number;
            /** Format: date-time */
            createdAt: string;
            /** @description why the last attempt failed */
            failedReason?: string;
            /** Format: date-time */
            finishedAt?: string;
            /** @example rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01 */
            id: string;
            /** @example recompute-organisation */
            name: string;
            /**
             * @description 0-100 while it runs
             * @example 60
             */
            progress: number;
            /**
             * @description the queue: 'rag' or 'packs'
             * @example rag
             */
            queue: string;
            /** @description the job's result once completed (for a RAG recompute: counts by colour and timings) */
            returnValue?: Record<string, never>;
            /** @enum {string} */
            state: "waiting" | "delayed" | "prioritized" | "waiting-children" | "active" | "completed" | "failed" | "unknown";
        };
        LoginDto: {
            /** @example admin@warrington.example */
            email: string;
            password: string;
        };
        MilestoneDto: {
            /** Format: uuid */
            actionId: string;
            allowAfterActionDue: boolean;
            /** Format: date */
            completedOn: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            dueDate: string;
            /** Format: uuid */
            id: string;
            sortOrder: number;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        MilestonePageDto: {
            items: components["schemas"]["MilestoneDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        NoticeDetailDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            deadline: string | null;
            failings: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspectionId: string | null;
            /** Format: date */
            issuedOn: string;
            /** @enum {string} */
            kind: "section_50" | "dfe_improvement_notice" | "statutory_direction" | "ministerial_letter";
            /** @example Section 50 notice */
            kindLabel: string;
            requirements: string;
            /** @enum {string} */
            status: "open" | "downgraded" | "closed";
            /** @description oldest first */
            statusHistory: components["schemas"]["NoticeStatusChangeDto"][];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        NoticeDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            deadline: string | null;
            failings: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspectionId: string | null;
            /** Format: date */
            issuedOn: string;
            /** @enum {string} */
            kind: "section_50" | "dfe_improvement_notice" | "statutory_direction" | "ministerial_letter";
            /** @example Section 50 notice */
            kindLabel: string;
            requirements: string;
            /** @enum {string} */
            status: "open" | "downgraded" | "closed";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        NoticePageDto: {
            items: components["schemas"]["NoticeDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        NoticeRollUpDto: {
            /**
             * @description Blue if every action is Blue, else the worst colour among the rest; null with no actions
             * @enum {string|null}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey" | null;
            counts: components["schemas"]["ColourCountsDto"];
            /** Format: uuid */
            id: string;
            /** @example section_50 */
            kind: string;
            /**
             * @description actions whose colour has not been computed yet (new, recompute pending); not in the roll-up
             * @example 0
             */
            notComputed: number;
            /** @example open */
            status: string;
            title: string;
            /**
             * @description actions with a colour
             * @example 26
             */
            total: number;
        };
        NoticeStatusChangeDto: {
            /** Format: uuid */
            changedById: string | null;
            /** @description the name of who recorded it */
            changedByName: string | null;
            /** Format: date */
            changedOn: string;
            /**
             * @description null for the status the notice started with
             * @enum {string|null}
             */
            fromStatus: "open" | "downgraded" | "closed" | null;
            note: string;
            /**
             * Format: date-time
             * @description when it was recorded
             */
            recordedAt: string;
            /** @enum {string} */
            toStatus: "open" | "downgraded" | "closed";
        };
        OverdueMilestoneDto: {
            /** Format: uuid */
            actionId: string;
            /** @example A1.3 */
            actionReference: string;
            actionTitle: string;
            /**
             * @description days from the due date to asOf
             * @example 31
             */
            daysOverdue: number;
            /** Format: date */
            dueDate: string;
            /** Format: uuid */
            milestoneId: string;
            /** Format: uuid */
            ownerId: string;
            /** @example Jo Bloggs */
            ownerName: string;
            title: string;
        };
        OverdueMilestoneListDto: {
            items: components["schemas"]["OverdueMilestoneDto"][];
            /**
             * @description all of them; items holds the first `limit`, most overdue first
             * @example 14
             */
            total: number;
        };
        PackAcceptedDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description GET /api/v1/jobs/{jobId} shows the queue job
             * @example pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01
             */
            jobId: string;
            /** @example /api/v1/jobs/pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01 */
            jobStatusUrl?: string;
            /**
             * @example queued
             * @enum {string}
             */
            state: "queued" | "generating" | "ready" | "failed";
            /**
             * @description poll this until state is ready or failed
             * @example /api/v1/packs/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01
             */
            statusUrl: string;
        };
        PackDto: {
            /**
             * Format: date
             * @description reporting date
             * @example 2026-11-23
             */
            asOf: string;
            /** @enum {string} */
            audience: "board" | "scrutiny";
            /** Format: date-time */
            completedAt: string | null;
            /** @description SHA-256 of the pack model (generation time left out): the same data and reporting date give the same hash */
            contentHash: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description why the last attempt failed: set when failed (and while queued again for a retry after a failed attempt) */
            failureReason: string | null;
            /** @description the generated files (empty until ready) */
            files: components["schemas"]["PackFileDto"][];
            /** @description the files asked for */
            formats: ("pdf" | "docx" | "xlsx" | "json")[];
            /** Format: uuid */
            id: string;
            /**
             * @description GET /api/v1/jobs/{jobId} shows the job
             * @example pack-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01
             */
            jobId: string | null;
            /**
             * @description 0-100
             * @example 40
             */
            progress: number;
            /**
             * Format: date-time
             * @description scrutiny packs only: when a board member published it
             */
            publishedAt: string | null;
            /**
             * Format: uuid
             * @description who published it (null for scrutiny members)
             */
            publishedById: string | null;
            /**
             * Format: uuid
             * @description who asked for it (null for scrutiny members)
             */
            requestedById: string | null;
            /**
             * @description queued -> generating -> ready, or failed once every retry has failed
             * @enum {string}
             */
            state: "queued" | "generating" | "ready" | "failed";
            /** @example Wirral Council improvement plan: progress and exception report */
            title: string;
        };
        PackFileDto: {
            /** @example application/pdf */
            contentType: string;
            /** @enum {string} */
            format: "pdf" | "docx" | "xlsx" | "json";
            /**
             * @description SHA-256 of the file, hex
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            sha256: string;
            /** @example 184233 */
            sizeBytes: number;
            /**
             * @description download (as an attachment)
             * @example /api/v1/packs/3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01/files/pdf
             */
            url: string;
        };
        PackPageDto: {
            items: components["schemas"]["PackDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        PersonRefDto: {
            /** Format: uuid */
            id: string;
            /** @example Head of Safeguarding */
            jobTitle: string | null;
            name: string;
            /** @example Merseyside Police */
            partnerAgency: string | null;
        };
        ProgressUpdateAuthorDto: {
            /** Format: uuid */
            id: string;
            jobTitle: string | null;
            name: string;
            partnerAgency: string | null;
        };
        ProgressUpdateDto: {
            /** Format: uuid */
            actionId: string;
            author: components["schemas"]["ProgressUpdateAuthorDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            narrative: string;
            progressPercentAtTime: number;
            /**
             * @description the action's status once this update was saved
             * @enum {string}
             */
            statusAtTime: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            /** Format: date */
            updateDate: string;
        };
        ProgressUpdatePageDto: {
            items: components["schemas"]["ProgressUpdateDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        RagHistoryPageDto: {
            /** @description newest reporting date first */
            items: components["schemas"]["RagSnapshotDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        RagOverrideDto: {
            /** Format: uuid */
            actionId: string;
            /** @description not ended and not expired today */
            active: boolean;
            /** @enum {string} */
            colour: "red" | "amber" | "green" | "blue" | "grey";
            /** Format: date-time */
            endedAt: string | null;
            /** Format: uuid */
            endedById: string | null;
            /** Format: date */
            expiresOn: string;
            /** Format: uuid */
            id: string;
            reason: string;
            /** Format: date-time */
            setAt: string;
            /** Format: uuid */
            setById: string;
            /**
             * @description the reason as it is shown wherever the colour appears
             * @example Override: recovery plan agreed at board (until 31 January 2027)
             */
            text: string;
        };
        RagPolicyChangeDto: {
            /** @description false when the settings sent were already the current ones (no new version) */
            changed: boolean;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description null for version 1 (the defaults)
             */
            createdById: string | null;
            /** @description the recompute of every action queued by the change */
            recompute: components["schemas"]["JobAcceptedDto"] | null;
            settings: components["schemas"]["RagPolicySettingsDto"];
            /**
             * @description every stored colour and snapshot records the version that produced it
             * @example 2
             */
            version: number;
        };
        RagPolicyDto: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description null for version 1 (the defaults)
             */
            createdById: string | null;
            settings: components["schemas"]["RagPolicySettingsDto"];
            /**
             * @description every stored colour and snapshot records the version that produced it
             * @example 2
             */
            version: number;
        };
        RagPolicySettingsDto: {
            /**
             * @description progress behind time by more than this many points is Amber
             * @example 15
             */
            progressAmberPoints: number;
            /**
             * @description progress behind time by more than this many points is Red (must be more than progressAmberPoints)
             * @example 30
             */
            progressRedPoints: number;
            /**
             * @description a milestone overdue by more than this many days is Red
             * @example 28
             */
            redAfterDays: number;
            rules: components["schemas"]["RagRulesDto"];
            /**
             * @description a started action with no progress update for more than this many days is Amber
             * @example 42
             */
            staleAfterDays: number;
        };
        RagReasonDto: {
            /** @example overdue */
            code: string;
            /** @enum {string} */
            colour: "red" | "amber" | "green" | "blue" | "grey";
            /** @example overdue by 12 days */
            text: string;
        };
        RagRulesDto: {
            /** @description status blocked: Red */
            blocked: boolean;
            /** @description past its due date: Red ("overdue by N days") */
            overdueAction: boolean;
            /** @description a milestone overdue by more than redAfterDays: Red; by 1 day or more: Amber */
            overdueMilestones: boolean;
            /** @description progress percent behind the share of time elapsed by more than progressAmberPoints: Amber, by more than progressRedPoints: Red */
            progressAgainstTime: boolean;
            /** @description newest evidence rejected and nothing newer submitted: Amber */
            rejectedEvidence: boolean;
            /** @description started, and no progress update for more than staleAfterDays: Amber */
            staleUpdates: boolean;
        };
        RagRulesPatchDto: {
            blocked?: boolean;
            overdueAction?: boolean;
            overdueMilestones?: boolean;
            progressAgainstTime?: boolean;
            rejectedEvidence?: boolean;
            staleUpdates?: boolean;
        };
        RagSnapshotDto: {
            /**
             * Format: date
             * @description the reporting date (London)
             */
            asOf: string;
            /** @enum {string} */
            colour: "red" | "amber" | "green" | "blue" | "grey";
            /**
             * Format: date-time
             * @description when this result was computed (unchanged by a re-run that found the same result)
             */
            computedAt: string;
            /** @description true when a board override set the colour */
            overridden: boolean;
            /**
             * @description the RAG policy version that produced it
             * @example 1
             */
            policyVersion: number;
            /** @description every rule that fired, in the policy order; for an override, its reason */
            reasons: components["schemas"]["RagReasonDto"][];
        };
        RecomputeRequestDto: {
            /**
             * Format: date
             * @description reporting date to recompute (London); today when omitted. Only today updates the actions' current colours; another date writes that date's snapshots
             * @example 2026-11-30
             */
            asOf?: string | null;
        };
        RegulatorDto: {
            /** @description true for CQC, Ofsted and HMICFRS (shared by every organisation); false for your own */
            builtIn: boolean;
            /** @example cqc */
            code: string;
            /** @description the themes a finding may fall under (CQC quality statements, Ofsted ILACS judgements); null: free text */
            findingThemes: components["schemas"]["FindingThemeDto"][] | null;
            /** Format: uuid */
            id: string;
            /** @description the kinds of inspection this regulator carries out */
            inspectionKinds: components["schemas"]["InspectionKindDto"][];
            /**
             * @example [
             *       "Outstanding",
             *       "Good",
             *       "Requires improvement",
             *       "Inadequate"
             *     ]
             */
            judgementScale: string[];
            /** @example Care Quality Commission */
            name: string;
            /** @description whether findings carry a score 1-4 (CQC only) */
            scoresFindings: boolean;
        };
        RegulatorPageDto: {
            items: components["schemas"]["RegulatorDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        RegulatorRollUpDto: {
            /** @example cqc */
            code: string;
            /**
             * @description Blue if every action is Blue, else the worst colour among the rest; null with no actions
             * @enum {string|null}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey" | null;
            counts: components["schemas"]["ColourCountsDto"];
            /** Format: uuid */
            id: string;
            /** @example Care Quality Commission */
            name: string;
            /**
             * @description actions whose colour has not been computed yet (new, recompute pending); not in the roll-up
             * @example 0
             */
            notComputed: number;
            /**
             * @description actions with a colour
             * @example 26
             */
            total: number;
        };
        RegulatorSummaryDto: {
            /** @example cqc */
            code: string;
            /** Format: uuid */
            id: string;
            /** @example Care Quality Commission */
            name: string;
        };
        ReviewEvidenceDto: {
            /**
             * @description required when rejecting: what the owner should change
             * @example The audit covers Q2 only; please add the Q3 case files.
             */
            comment?: string;
            /** @enum {string} */
            decision: "accepted" | "rejected";
            /**
             * @description the version you read; if given and stale, 409 with the current version
             * @example 1
             */
            version?: number;
        };
        RollUpDto: {
            /**
             * @description Blue if every action is Blue, else the worst colour among the rest; null with no actions
             * @enum {string|null}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey" | null;
            counts: components["schemas"]["ColourCountsDto"];
            /**
             * @description actions whose colour has not been computed yet (new, recompute pending); not in the roll-up
             * @example 0
             */
            notComputed: number;
            /**
             * @description actions with a colour
             * @example 26
             */
            total: number;
        };
        SetRagOverrideDto: {
            /**
             * @example amber
             * @enum {string}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey";
            /**
             * Format: date
             * @description the last day the override applies (London): today at the earliest, at most 180 days ahead
             * @example 2027-01-31
             */
            expiresOn: string;
            /** @example Milestone slipped for a reason agreed at board; recovery plan in place */
            reason: string;
        };
        TokenDto: {
            /** @description JWT to send as `Authorization: Bearer <token>` */
            accessToken: string;
            /**
             * @description seconds until the token expires
             * @example 28800
             */
            expiresIn: number;
            /** @example Bearer */
            tokenType: string;
            user: components["schemas"]["UserDto"];
        };
        TrendPointDto: {
            /** Format: date */
            asOf: string;
            counts: components["schemas"]["ColourCountsDto"];
            /** @example 26 */
            total: number;
        };
        UpcomingMilestoneDto: {
            /** Format: uuid */
            actionId: string;
            /** @example A1.3 */
            actionReference: string;
            actionTitle: string;
            /**
             * @description days from asOf to the due date (0 = due on asOf)
             * @example 6
             */
            daysUntilDue: number;
            /** Format: date */
            dueDate: string;
            /** Format: uuid */
            milestoneId: string;
            /** Format: uuid */
            ownerId: string;
            /** @example Jo Bloggs */
            ownerName: string;
            title: string;
        };
        UpcomingMilestoneListDto: {
            items: components["schemas"]["UpcomingMilestoneDto"][];
            /**
             * @description all of them; items holds the first `limit`, soonest first
             * @example 9
             */
            total: number;
        };
        UpdateActionDto: {
            description?: string;
            /**
             * Format: date
             * @example 2026-09-30
             */
            dueDate?: string;
            /**
             * Format: date
             * @description only on a complete (or completing) action
             */
            effectivenessCheckDue?: string;
            /** @description replaces the linked findings (at least one) */
            findingIds?: string[];
            leadAgency?: string | null;
            /** Format: uuid */
            ownerId?: string;
            progressPercent?: number;
            /** @example A1.3 */
            reference?: string;
            /**
             * Format: date
             * @description null clears it
             * @example 2026-01-05
             */
            startDate?: string | null;
            /** @enum {string} */
            status?: "not_started" | "in_progress" | "blocked" | "complete" | "embedded";
            successMeasures?: string;
            title?: string;
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
            /** Format: uuid */
            workstreamId?: string;
        };
        UpdateFindingDto: {
            /** Format: uuid */
            inspectionId?: string;
            /**
             * Format: uuid
             * @description null: no longer under a notice
             */
            noticeId?: string | null;
            /** @example QS-SAFE-1 */
            reference?: string;
            /** @description only where the regulator scores (CQC): 1 significant shortfalls, 2 some shortfalls, 3 good standard, 4 exceptional standard */
            score?: number | null;
            text?: string;
            /** @description CQC inspections: a quality statement key (e.g. safeguarding); Ofsted: an ILACS judgement key (e.g. help_and_protection); other regulators: free text. GET /regulators lists each regulator's findingThemes. */
            theme?: string | null;
            title?: string;
            /** @enum {string} */
            type?: "area_for_improvement" | "area_for_priority_action" | "recommendation" | "requirement";
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UpdateInspectionDto: {
            /**
             * Format: date
             * @description not before startDate
             * @example 2025-03-14
             */
            endDate?: string | null;
            /** @description Ofsted ILACS (full or short) only: all five judgements (impact_of_leaders, help_and_protection, children_in_care, care_leavers, overall_effectiveness), each 'Outstanding', 'Good', 'Requires improvement to be good' or 'Inadequate'. The overall judgement is overall_effectiveness. */
            judgements?: {
                [key: string]: string;
            } | null;
            /** @enum {string} */
            kind?: "cqc_la_assessment" | "ofsted_ilacs_full" | "ofsted_ilacs_short" | "ofsted_focused_visit" | "ofsted_monitoring_visit" | "jtai" | "other";
            /** @description On the regulator's own scale. Derived for a CQC local authority assessment (from the scores) and an ILACS inspection with judgements: leave it out, or send the same value. Not allowed for ungraded visits (focused, monitoring, JTAI). */
            overallJudgement?: string | null;
            /**
             * Format: date
             * @description not before startDate
             * @example 2025-06-20
             */
            publishedDate?: string | null;
            /** @description CQC local authority assessment only: all nine quality statement keys (see GET /regulators, findingThemes of CQC), each a whole number 1-4. The overall rating is derived from them. */
            qualityStatementScores?: {
                [key: string]: number;
            } | null;
            /**
             * Format: uuid
             * @description refused once the inspection has findings (their themes belong to the regulator)
             */
            regulatorId?: string;
            reportReference?: string | null;
            reportUrl?: string | null;
            /**
             * Format: date
             * @example 2025-03-03
             */
            startDate?: string;
            /** @example CQC assessment of adult social care 2025 */
            title?: string;
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UpdateMilestoneDto: {
            allowAfterActionDue?: boolean;
            /**
             * Format: date
             * @description the day it was done (London), or null to reopen; not in the future
             * @example 2026-02-10
             */
            completedOn?: string | null;
            /**
             * Format: date
             * @example 2026-03-31
             */
            dueDate?: string;
            sortOrder?: number;
            title?: string;
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UpdateNoticeDto: {
            /**
             * Format: date
             * @description not before issuedOn; null clears it
             * @example 2026-07-31
             */
            deadline?: string | null;
            failings?: string;
            /**
             * Format: uuid
             * @description null unlinks the inspection
             */
            inspectionId?: string | null;
            /** Format: date */
            issuedOn?: string;
            /** @enum {string} */
            kind?: "section_50" | "dfe_improvement_notice" | "statutory_direction" | "ministerial_letter";
            requirements?: string;
            /**
             * @description a change is written to the status history
             * @enum {string}
             */
            status?: "open" | "downgraded" | "closed";
            /**
             * Format: date
             * @description the day the status changed (defaults to today, Europe/London); not before issuedOn, not after today. Only with a status change (or on create).
             */
            statusChangedOn?: string;
            /** @description why the status changed, for the history (only with a status change) */
            statusNote?: string;
            title?: string;
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UpdateRagPolicyDto: {
            /** @example 15 */
            progressAmberPoints?: number;
            /** @example 30 */
            progressRedPoints?: number;
            /** @example 7 */
            redAfterDays?: number;
            rules?: components["schemas"]["RagRulesPatchDto"];
            /** @example 42 */
            staleAfterDays?: number;
            /**
             * @description the policy version you read; a stale one gets 409
             * @example 1
             */
            version?: number;
        };
        UpdateUserDto: {
            /** @description false deactivates the user: their tokens and web sessions stop working at once; true reactivates them, and tokens issued before stay dead */
            active?: boolean;
            /**
             * @description role or team, shown instead of the name in scrutiny packs
             * @example Head of Safeguarding
             */
            jobTitle?: string;
            /** @example Jo Bloggs */
            name?: string;
            /** @example Merseyside Police */
            partnerAgency?: string;
            password?: string;
            /** @enum {string} */
            role?: "admin" | "board" | "owner" | "scrutiny";
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UpdateWorkstreamDto: {
            /** @example KO1 */
            code?: string;
            description?: string;
            leadRole?: string | null;
            sortOrder?: number;
            title?: string;
            /**
             * @description the version you read; a stale one gets 409 with the current version
             * @example 1
             */
            version: number;
        };
        UserDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            jobTitle: string | null;
            name: string;
            /** Format: uuid */
            organisationId: string;
            partnerAgency: string | null;
            /** @enum {string} */
            role: "admin" | "board" | "owner" | "scrutiny";
            version: number;
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        WithdrawEvidenceDto: {
            /**
             * @description the version you read; if given and stale, 409 with the current version
             * @example 1
             */
            version?: number;
        };
        WorkstreamDto: {
            /** @example KO1 */
            code: string;
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** Format: uuid */
            id: string;
            leadRole: string | null;
            sortOrder: number;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        WorkstreamPageDto: {
            items: components["schemas"]["WorkstreamDto"][];
            /** @example 1 */
            page: number;
            /** @example 25 */
            pageSize: number;
            /**
             * @description rows matching the filters, across all pages
             * @example 120
             */
            total: number;
        };
        WorkstreamRefDto: {
            /** @example KO1 */
            code: string;
            /** Format: uuid */
            id: string;
            title: string;
        };
        WorkstreamRollUpDto: {
            /** @example KO1 */
            code: string;
            /**
             * @description Blue if every action is Blue, else the worst colour among the rest; null with no actions
             * @enum {string|null}
             */
            colour: "red" | "amber" | "green" | "blue" | "grey" | null;
            counts: components["schemas"]["ColourCountsDto"];
            /** Format: uuid */
            id: string;
            /**
             * @description actions whose colour has not been computed yet (new, recompute pending); not in the roll-up
             * @example 0
             */
            notComputed: number;
            title: string;
            /**
             * @description actions with a colour
             * @example 26
             */
            total: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ActionsController_list: {
        parameters: {
            query?: {
                /** @description due strictly after this date */
                dueAfter?: string;
                /** @description due strictly before this date */
                dueBefore?: string;
                /** @description actions answering this finding */
                findingId?: string;
                /** @description actions answering a finding of this inspection */
                inspectionId?: string;
                /** @description actions answering a finding under this notice */
                noticeId?: string;
                /** @description overdue at this date: due before it and not complete or embedded */
                overdueAt?: string;
                ownerId?: string;
                page?: number;
                pageSize?: number;
                /** @description text in the reference or title (case-insensitive) */
                q?: string;
                /** @description one or several stored colours */
                ragColour?: ("red" | "amber" | "green" | "blue" | "grey")[];
                /** @description regulator code ('cqc', 'ofsted', ...) of a finding's inspection */
                regulator?: string;
                /** @description reference sorts naturally (A1.2 before A1.10); prefix - for descending */
                sort?: "reference" | "-reference" | "dueDate" | "-dueDate";
                /** @description one or several: ?status=in_progress&status=blocked or ?status=in_progress,blocked */
                status?: ("not_started" | "in_progress" | "blocked" | "complete" | "embedded")[];
                workstreamId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the reference is already used in your organisation */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description only admin and board members can delete actions */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description something depends on it (details.dependents says what) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateActionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description an owner changing another owner's action, or a field other than status and progressPercent */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version (details.currentVersion) or reference already used */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionEvidenceController_list: {
        parameters: {
            query?: {
                /** @description admins only: include withdrawn evidence */
                includeWithdrawn?: boolean;
                page?: number;
                pageSize?: number;
                reviewState?: "submitted" | "accepted" | "rejected";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidencePageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description includeWithdrawn by someone who is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such action in your organisation, another owner's action, or a scrutiny member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ActionEvidenceController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    description?: string;
                    /**
                     * Format: binary
                     * @description exactly one file, up to EVIDENCE_MAX_BYTES (25 MB by default): PDF, Word, Excel, PowerPoint, CSV, plain text, PNG or JPEG, judged by its content (the name and declared type decide nothing). The text fields may come before or after it.
                     */
                    file: string;
                    /**
                     * Format: uuid
                     * @description a milestone of this action
                     */
                    milestoneId?: string;
                    /**
                     * Format: uuid
                     * @description a rejected evidence item of this action that this upload replaces
                     */
                    supersedesId?: string;
                    /** @example Safeguarding audit, Q3 2026 */
                    title: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceDetailDto"];
                };
            };
            /** @description a missing or invalid field, no file, an empty file, or a malformed form */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description an owner adding evidence to an action they do not own */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such action in your organisation (also for scrutiny members) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the file is larger than EVIDENCE_MAX_BYTES (25 MB by default) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the content is not an allowed type (details.allowedTypes lists them), or the body is not multipart */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the malware scanner found something; nothing was stored */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description storage or the malware scanner failed; nothing was saved (quote the requestId) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MilestonesController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestonePageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MilestonesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMilestoneDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description only admin and board members can add milestones */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MilestonesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                milestoneId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description only admin and board members can delete milestones */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description evidence is attached to it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    MilestonesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                milestoneId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMilestoneDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description an owner changing another owner's milestone, or a field other than completedOn */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version (details.currentVersion) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagHistoryController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RagHistoryPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description an owner asking about someone else's action */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such action in your organisation (also for scrutiny members) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagOverrideController_set: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetRagOverrideDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RagOverrideDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description action owners cannot set a RAG */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such action in your organisation (also for scrutiny members) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagOverrideController_end: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RagOverrideDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description action owners cannot change a RAG */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such action, or no active override */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ProgressUpdatesController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgressUpdatePageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ProgressUpdatesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProgressUpdateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedProgressUpdateDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description an owner updating someone else's action */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The version you sent is no longer current: someone saved first (stale_version: `details.currentVersion`); reload and try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                actorId?: string;
                entityId?: string;
                entityType?: string;
                /** @description ISO date or date-time, inclusive */
                from?: string;
                page?: number;
                pageSize?: number;
                /** @description ISO date or date-time, exclusive */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainReportDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description email or password is incorrect (the same answer for both) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description too many attempts for this email or from this address */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description a new token: every token and web session issued before the change is refused from now on */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description currentPassword is incorrect, or newPassword is too short or unchanged */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    DashboardController_get: {
        parameters: {
            query?: {
                /** @description reporting date (London); today when omitted. Today reads the actions' current colours, another date that date's snapshots */
                asOf?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description owners and scrutiny members; or: Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    EvidenceController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceDetailDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description not in your organisation, another owner's action, withdrawn (except for admins), or a scrutiny member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    EvidenceController_content: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag (SHA-256) of a copy you hold: 304 if unchanged */
                "If-None-Match"?: string;
                /** @description the ETag of a partial copy: the range applies only if it still matches */
                "If-Range"?: string;
                /** @description bytes=start-end, bytes=start- or bytes=-n (one range) */
                Range?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the whole file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description the requested range, with Content-Range */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description your copy (If-None-Match) is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description as for GET /evidence/:id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the range starts beyond the end of the file; Content-Range: bytes *\/size */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    EvidenceController_review: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewEvidenceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceDetailDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description not board or admin, or you uploaded it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description as for GET /evidence/:id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description already reviewed, withdrawn, or a stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    EvidenceController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawEvidenceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceDetailDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description you did not upload it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description as for GET /evidence/:id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description already reviewed, already withdrawn, or a stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FindingsController_list: {
        parameters: {
            query?: {
                inspectionId?: string;
                noticeId?: string;
                page?: number;
                pageSize?: number;
                /** @description text in the reference or title (case-insensitive) */
                q?: string;
                theme?: string;
                type?: "area_for_improvement" | "area_for_priority_action" | "recommendation" | "requirement";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FindingsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFindingDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the reference is already used within the inspection */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FindingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FindingsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description actions answer the finding (named in the message and details.dependents) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FindingsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFindingDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version (details.currentVersion) or reference taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    HealthController_alive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the API process is alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Only a malformed or oversized JSON body sent with the request: every API route reads one when Content-Type says JSON (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description PostgreSQL and Redis reachable; queue consumers listed
             *
             *     The Health Check is successful
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /** @description Only a malformed or oversized JSON body sent with the request: every API route reads one when Content-Type says JSON (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /**
             * @description PostgreSQL or Redis unreachable
             *
             *     The Health Check is not successful
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    InspectionsController_list: {
        parameters: {
            query?: {
                kind?: "cqc_la_assessment" | "ofsted_ilacs_full" | "ofsted_ilacs_short" | "ofsted_focused_visit" | "ofsted_monitoring_visit" | "jtai" | "other";
                page?: number;
                pageSize?: number;
                regulatorId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    InspectionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInspectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    InspectionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    InspectionsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description findings or notices depend on the inspection (named in the message and details.dependents) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    InspectionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateInspectionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version: details.currentVersion */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    JobsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatusDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description no such job, or another organisation's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    NoticesController_list: {
        parameters: {
            query?: {
                inspectionId?: string;
                kind?: "section_50" | "dfe_improvement_notice" | "statutory_direction" | "ministerial_letter";
                page?: number;
                pageSize?: number;
                status?: "open" | "downgraded" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    NoticesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNoticeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeDetailDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    NoticesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description with its status history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeDetailDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    NoticesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description findings fall under the notice (named in the message and details.dependents) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    NoticesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateNoticeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeDetailDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version: details.currentVersion */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    PacksController_list: {
        parameters: {
            query?: {
                audience?: "board" | "scrutiny";
                page?: number;
                pageSize?: number;
                /** @description true: published packs only; false: unpublished only */
                published?: boolean;
                state?: "queued" | "generating" | "ready" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description owners; or: Your role may not do this: it needs one of admin, board, scrutiny (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    PacksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePackDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackAcceptedDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description owners and scrutiny members; or: Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the job queue could not take the request (queue_unavailable); try again shortly */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    PacksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, scrutiny (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description not in your organisation, or (scrutiny members) not a published scrutiny pack */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    PacksController_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: "pdf" | "docx" | "xlsx" | "json";
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                    "application/pdf": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, scrutiny (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description as for GET /packs/:id, or a format the pack was not asked to produce */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the pack is not ready yet (or failed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    PacksController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description owners and scrutiny members; or: Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description a board pack, not ready yet, or already published */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagRecomputeController_recompute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecomputeRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RegulatorsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegulatorPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RegulatorsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRegulatorDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegulatorDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the code is already used by a regulator you can see (code_taken) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RegulatorsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegulatorDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagSettingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RagPolicyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RagSettingsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRagPolicyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RagPolicyChangeDto"];
                };
            };
            /** @description a setting is missing, unknown or out of range; `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description `version` is not the current version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                active?: boolean;
                page?: number;
                pageSize?: number;
                /** @description text in name or email */
                q?: string;
                role?: "admin" | "board" | "owner" | "scrutiny";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the email is already in use (email_taken) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description you cannot deactivate yourself or remove your own admin role; or: Your role may not do this: it needs one of admin (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The version you sent is no longer current: someone saved first (stale_version: `details.currentVersion`); reload and try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    WorkstreamsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description in plan order (sortOrder, then code) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkstreamPageDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board, owner (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    WorkstreamsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkstreamDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkstreamDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description the code is already used in your organisation */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    WorkstreamsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkstreamDto"];
                };
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    WorkstreamsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description actions belong to the workstream (named in the message and details.dependents) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    WorkstreamsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkstreamDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkstreamDto"];
                };
            };
            /** @description A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Your role may not do this: it needs one of admin, board (forbidden) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description stale version (details.currentVersion) or code taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description An error: see `code` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
}
