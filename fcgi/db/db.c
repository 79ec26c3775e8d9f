/*
 * db.c - the MariaDB connection, the statement table, parameter binding, row fetching,
 * reconnection and transactions.
 */
#include "db/db.h"
#include "core/log.h"
#include "core/util.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every SQL statement of the portal. Parameters are '?'; nothing is ever concatenated. */
static const char *const db_sql[DB__STMT_MAX] = {
	[DB_STMT_PING] = "SELECT 1",

	/* ?1 ?2: now in Oslo wall-clock time */
	[DB_STMT_TENANTS_LIST] =
	    "SELECT t.slug, t.name, t.kind,"
	    " (SELECT COUNT(*) FROM calls c WHERE c.tenant_id = t.id AND c.opens_local <= ? AND c.deadline_local > ?)"
	    " FROM tenants t ORDER BY t.kind = 'directorate' DESC, t.name COLLATE utf8mb4_danish_ci",

/* The list is a summary per call: it leaves out description, criteria and earmarks (GET one call for those). */
#define DB_CALL_SUMMARY \
	"c.id, t.slug, t.name, t.kind, s.code, s.name, c.year, c.title, NULL, c.opens_local," \
	" c.deadline_local, c.min_amount, c.max_amount, c.sub_goals, c.one_project, c.budget_frame, c.report_due," \
	" c.payment_split_threshold, c.audit_threshold, c.appeal_window_days, NULL, NULL, c.required_attachments," \
	" c.requires_business_register"
#define DB_CALL_COLUMNS \
	"c.id, t.slug, t.name, t.kind, s.code, s.name, c.year, c.title, c.description, c.opens_local," \
	" c.deadline_local, c.min_amount, c.max_amount, c.sub_goals, c.one_project, c.budget_frame, c.report_due," \
	" c.payment_split_threshold, c.audit_threshold, c.appeal_window_days, c.criteria"
#define DB_CALL_REQUIREMENTS ", c.required_attachments, c.requires_business_register"
/* "B:15000000,C:100000"; group_concat_max_len is kept at 512 so this is a VARCHAR and sorting
 * the page never needs an on-disk temporary table (see db_connect). */
#define DB_CALL_EARMARKS \
	", (SELECT GROUP_CONCAT(e.sub_goal, ':', e.amount ORDER BY e.sub_goal SEPARATOR ',')" \
	"  FROM call_earmarks e WHERE e.call_id = c.id)"
#define DB_CALL_FROM " FROM calls c JOIN tenants t ON t.id = c.tenant_id JOIN schemes s ON s.id = c.scheme_id"
	/* ?1 ?2 tenant slug or NULL; ?3 ?4 year or NULL; ?5 status (0 any, 1 open, 2 closed, 3 upcoming);
	 * ?6 ?7 ?8 now (Oslo); then LIMIT ?9 OFFSET ?10 */
#define DB_CALL_FILTER \
	" WHERE (? IS NULL OR t.slug = ?) AND (? IS NULL OR c.year = ?)" \
	" AND CASE ? WHEN 1 THEN c.opens_local <= ? AND c.deadline_local > ?" \
	"  WHEN 2 THEN c.deadline_local <= ? WHEN 3 THEN c.opens_local > ? ELSE TRUE END"
	[DB_STMT_CALLS_LIST] = "SELECT " DB_CALL_SUMMARY DB_CALL_FROM DB_CALL_FILTER
	    " ORDER BY c.deadline_local, c.id LIMIT ? OFFSET ?",
	[DB_STMT_CALLS_COUNT] = "SELECT COUNT(*)" DB_CALL_FROM DB_CALL_FILTER,
	[DB_STMT_CALL_GET] = "SELECT " DB_CALL_COLUMNS DB_CALL_EARMARKS DB_CALL_REQUIREMENTS DB_CALL_FROM " WHERE c.id = ?",

	/* Accounts (db_users.c). Emails are compared lower-cased (email_norm). */
#define DB_USER_COLUMNS "u.id, u.email, u.name, u.password_hash, u.email_verified_at IS NOT NULL, u.session_gen"
	[DB_STMT_USER_BY_EMAIL] = "SELECT " DB_USER_COLUMNS " FROM users u WHERE u.email_norm = ?",
	[DB_STMT_USER_BY_ID] = "SELECT " DB_USER_COLUMNS " FROM users u WHERE u.id = ?",
	[DB_STMT_USER_INSERT] = "INSERT INTO users (email, email_norm, name, password_hash) VALUES (?, ?, ?, ?)",
	[DB_STMT_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?, session_gen = session_gen + 1,"
	    " email_verified_at = IF(?, COALESCE(email_verified_at, UTC_TIMESTAMP()), email_verified_at) WHERE id = ?",
	[DB_STMT_USER_BUMP_GEN] = "UPDATE users SET session_gen = session_gen + 1 WHERE id = ?",
	[DB_STMT_USER_VERIFY] = "UPDATE users SET email_verified_at = COALESCE(email_verified_at, UTC_TIMESTAMP())"
	    " WHERE id = ?",
	/* ?1 user ?2 purpose ?3 hash ?4 lifetime in seconds */
	[DB_STMT_TOKEN_INSERT] = "INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	[DB_STMT_TOKEN_FIND] = "SELECT id, user_id FROM email_tokens WHERE token_hash = ? AND purpose = ?"
	    " AND used_at IS NULL AND expires_at > UTC_TIMESTAMP() FOR UPDATE",
	[DB_STMT_TOKEN_USE] = "UPDATE email_tokens SET used_at = UTC_TIMESTAMP() WHERE id = ? AND used_at IS NULL",
	[DB_STMT_OUTBOX_INSERT] = "INSERT INTO outbox (to_email, subject, body, kind, tenant_id) VALUES (?, ?, ?, ?, ?)",
	/* ?1 ?2 recipient or NULL; LIMIT ?3 OFFSET ?4 */
	[DB_STMT_OUTBOX_LIST] = "SELECT id, to_email, subject, body, kind, created_at, attempts, sent_at, last_error"
	    " FROM outbox WHERE (? IS NULL OR to_email = ?) ORDER BY id DESC LIMIT ? OFFSET ?",
	[DB_STMT_OUTBOX_DUE] = "SELECT id, to_email, subject, body, attempts FROM outbox"
	    " WHERE sent_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP() ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED",
	[DB_STMT_OUTBOX_SENT] = "UPDATE outbox SET sent_at = UTC_TIMESTAMP(), attempts = attempts + 1, last_error = NULL"
	    " WHERE id = ?",
	/* ?1 error ?2 backoff seconds ?3 id */
	[DB_STMT_OUTBOX_FAILED] = "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
	    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?",
	/* seconds the address stays locked (0 = not locked) */
	[DB_STMT_THROTTLE_GET] = "SELECT GREATEST(0, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until))"
	    " FROM login_throttle WHERE email_hash = ?",
	/* five failures lock for 30 s, doubling with each further failure, at most 15 minutes */
	[DB_STMT_THROTTLE_FAIL] = "INSERT INTO login_throttle (email_hash, failures) VALUES (?, 1)"
	    " ON DUPLICATE KEY UPDATE failures = failures + 1, locked_until = IF(failures >= 5,"
	    " UTC_TIMESTAMP() + INTERVAL LEAST(900, 30 * POW(2, LEAST(failures - 5, 10))) SECOND, NULL)",
	[DB_STMT_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE email_hash = ?",
	[DB_STMT_SECLOG_INSERT] = "INSERT INTO security_log (event, user_id, actor_id, tenant_id, org_id, ip, detail)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* ?1 ?2 tenant id or NULL (all); LIMIT ?3 OFFSET ?4 */
	[DB_STMT_SECLOG_LIST] = "SELECT l.id, l.at, l.event, l.user_id, u.email, l.actor_id, a.email, t.slug, l.org_id,"
	    " l.ip, l.detail FROM security_log l LEFT JOIN users u ON u.id = l.user_id"
	    " LEFT JOIN users a ON a.id = l.actor_id LEFT JOIN tenants t ON t.id = l.tenant_id"
	    " WHERE (? IS NULL OR l.tenant_id = ?) ORDER BY l.id DESC LIMIT ? OFFSET ?",
	[DB_STMT_ME_ORGS] = "SELECT o.id, o.orgnr, o.name, GROUP_CONCAT(m.role ORDER BY m.role SEPARATOR ',')"
	    " FROM org_members m JOIN organisations o ON o.id = m.org_id WHERE m.user_id = ?"
	    " GROUP BY o.id, o.orgnr, o.name ORDER BY o.name",
	[DB_STMT_ME_TENANTS] = "SELECT t.slug, t.name, GROUP_CONCAT(s.role ORDER BY s.role SEPARATOR ',')"
	    " FROM tenant_staff s JOIN tenants t ON t.id = s.tenant_id WHERE s.user_id = ?"
	    " GROUP BY t.id, t.slug, t.name ORDER BY t.kind = 'directorate' DESC, t.name",
	/* the tenant of the URL and the user's roles in it (NULL when none) */
	/* ?1 slug ?2 user: the user's session generation, the tenant and the user's roles there */
	[DB_STMT_TENANT_AUTH] = "SELECT u.session_gen, t.id, (SELECT GROUP_CONCAT(s.role SEPARATOR ',') FROM tenant_staff s"
	    " WHERE s.tenant_id = t.id AND s.user_id = u.id) FROM users u LEFT JOIN tenants t ON t.slug = ? WHERE u.id = ?",
	[DB_STMT_ORG_AUTH] = "SELECT GROUP_CONCAT(role SEPARATOR ',') FROM org_members WHERE org_id = ? AND user_id = ?",
	[DB_STMT_ORG_GET] = "SELECT id, orgnr, name, municipality, kind, volunteer_register, volunteer_since,"
	    " business_register, business_since, created_at FROM organisations WHERE id = ?",
	[DB_STMT_ORG_MEMBERS] = "SELECT u.id, u.email, u.name, GROUP_CONCAT(m.role ORDER BY m.role SEPARATOR ',')"
	    " FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? GROUP BY u.id, u.email, u.name"
	    " ORDER BY u.name",
	[DB_STMT_STAFF_LIST] = "SELECT s.id, u.id, u.email, u.name, s.role, s.created_at FROM tenant_staff s"
	    " JOIN users u ON u.id = s.user_id WHERE s.tenant_id = ? ORDER BY u.name, s.role",
	[DB_STMT_STAFF_INSERT] = "INSERT INTO tenant_staff (tenant_id, user_id, role) VALUES (?, ?, ?)",
	[DB_STMT_STAFF_GET] = "SELECT s.id, s.user_id, s.role FROM tenant_staff s WHERE s.id = ? AND s.tenant_id = ?"
	    " FOR UPDATE",
	[DB_STMT_STAFF_DELETE] = "DELETE FROM tenant_staff WHERE id = ? AND tenant_id = ?",

	/* Organisations and applications (db_apps.c). */
	[DB_STMT_ORG_INSERT] = "INSERT INTO organisations (orgnr, name, municipality, kind, volunteer_register,"
	    " volunteer_since, business_register, business_since, has_employees) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[DB_STMT_ORG_UPDATE] = "UPDATE organisations SET name = ?, municipality = ?, kind = ?, volunteer_register = ?,"
	    " volunteer_since = ?, business_register = ?, business_since = ?, has_employees = ? WHERE id = ?",
	[DB_STMT_ORG_BY_ORGNR] = "SELECT id, name FROM organisations WHERE orgnr = ?",
	[DB_STMT_ORG_ADMINS] = "SELECT u.email, u.name FROM org_members m JOIN users u ON u.id = m.user_id"
	    " WHERE m.org_id = ? AND m.role = 'admin'",
	[DB_STMT_ORG_MEMBER_ADD] = "INSERT IGNORE INTO org_members (org_id, user_id, role) VALUES (?, ?, ?)",
	[DB_STMT_ORG_FLAGS] = "SELECT volunteer_register, business_register, has_employees, name, orgnr FROM organisations"
	    " WHERE id = ?",
	/* ?1 org ?2 email ?3 role ?4 hash ?5 by ?6 lifetime seconds */
	[DB_STMT_INVITE_INSERT] = "INSERT INTO org_invitations (org_id, email_norm, role, token_hash, invited_by, expires_at)"
	    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	[DB_STMT_INVITE_FIND] = "SELECT id, org_id, email_norm, role FROM org_invitations WHERE token_hash = ?"
	    " AND accepted_at IS NULL AND expires_at > UTC_TIMESTAMP() FOR UPDATE",
	[DB_STMT_INVITE_ACCEPT] = "UPDATE org_invitations SET accepted_at = UTC_TIMESTAMP() WHERE id = ?",
	/* the application's organisation and the user's roles there */
	[DB_STMT_APP_AUTH] = "SELECT a.org_id, (SELECT GROUP_CONCAT(m.role SEPARATOR ',') FROM org_members m"
	    " WHERE m.org_id = a.org_id AND m.user_id = ?) FROM applications a WHERE a.id = ?",
	[DB_STMT_APP_INSERT] = "INSERT INTO applications (org_id, call_id, tenant_id, data, created_by, updated_by)"
	    " SELECT ?, c.id, c.tenant_id, '{}', ?, ? FROM calls c WHERE c.id = ?",
	[DB_STMT_APP_GET] = "SELECT a.id, a.org_id, a.call_id, a.status, a.version, a.data, a.reference, a.submitted_at,"
	    " su.name, a.created_at, a.updated_at, a.withdrawn_at, c.title, t.slug, t.name, a.signed"
	    " FROM applications a JOIN calls c ON c.id = a.call_id JOIN tenants t ON t.id = a.tenant_id"
	    " LEFT JOIN users su ON su.id = a.submitted_by WHERE a.id = ?",
	/* ?1 data ?2 title ?3 amount ?4 user ?5 id ?6 expected version */
	[DB_STMT_APP_UPDATE] = "UPDATE applications SET data = ?, title = ?, applied_amount = ?, updated_by = ?,"
	    " version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ? AND version = ? AND status = 'draft'",
#define DB_APP_LIST_COLUMNS "SELECT a.id, a.org_id, o.name, a.call_id, c.title, t.name, a.status, a.title," \
	" a.applied_amount, a.reference, a.updated_at, a.submitted_at, c.deadline_local" \
	" FROM applications a JOIN calls c ON c.id = a.call_id JOIN tenants t ON t.id = a.tenant_id" \
	" JOIN organisations o ON o.id = a.org_id"
	[DB_STMT_APP_LIST_ORG] = DB_APP_LIST_COLUMNS " WHERE a.org_id = ? ORDER BY a.id DESC",
	[DB_STMT_APP_LIST_USER] = DB_APP_LIST_COLUMNS " WHERE a.org_id IN (SELECT org_id FROM org_members WHERE user_id = ?)"
	    " ORDER BY a.id DESC",
	[DB_STMT_APP_CALL_RULES] = "SELECT c.id, c.tenant_id, t.kind, t.name, t.ref_prefix, c.sub_goals, c.min_amount,"
	    " c.max_amount, c.one_project, c.opens_local, c.deadline_local, c.year, c.required_attachments,"
	    " c.requires_business_register, c.title FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = ?",
	[DB_STMT_COUNTER_BUMP] = "INSERT INTO application_counters (tenant_id, year, last_no) VALUES (?, ?, 1)"
	    " ON DUPLICATE KEY UPDATE last_no = last_no + 1",
	[DB_STMT_COUNTER_GET] = "SELECT last_no FROM application_counters WHERE tenant_id = ? AND year = ?",
	[DB_STMT_APP_LOCK] = "SELECT status, version, submit_key, reference FROM applications WHERE id = ? FOR UPDATE",
	/* ?1 reference ?2 user ?3 ip ?4 key ?5 signed ?6 id */
	[DB_STMT_APP_SUBMIT] = "UPDATE applications SET status = 'submitted', reference = ?, submitted_by = ?,"
	    " submitted_ip = ?, submit_key = ?, signed = ?, submitted_at = UTC_TIMESTAMP(), sub_goals = ?"
	    " WHERE id = ? AND status = 'draft'",
	[DB_STMT_APP_WITHDRAW] = "UPDATE applications SET status = 'withdrawn', withdrawn_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'submitted'",
	[DB_STMT_EVENT_INSERT] = "INSERT INTO application_events (application_id, user_id, event, detail) VALUES (?, ?, ?, ?)",
	[DB_STMT_EVENT_LIST] = "SELECT e.at, e.event, u.name, e.detail FROM application_events e"
	    " LEFT JOIN users u ON u.id = e.user_id WHERE e.application_id = ? ORDER BY e.id",
	/* the applicant's timeline: the case's internal steps (comments, impartiality, assignment,
	 * assessment, recommendation) are the tenant's own */
	[DB_STMT_EVENT_LIST_PUBLIC] = "SELECT e.at, e.event, u.name, e.detail FROM application_events e"
	    " LEFT JOIN users u ON u.id = e.user_id WHERE e.application_id = ? AND e.event NOT IN ('comment',"
	    " 'declared_impartial', 'recused', 'assigned', 'assessed', 'recommend') ORDER BY e.id",
	/* ?1 app ?2 kind ?3 filename ?4 type ?5 size ?6 sha ?7 content ?8 user */
	[DB_STMT_ATT_INSERT] = "INSERT INTO attachments (application_id, kind, filename, content_type, size, sha256, content,"
	    " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[DB_STMT_ATT_LIST] = "SELECT id, kind, filename, content_type, size, created_at FROM attachments"
	    " WHERE application_id = ? ORDER BY id",
	[DB_STMT_ATT_GET] = "SELECT filename, content_type, content FROM attachments WHERE id = ? AND application_id = ?",
	[DB_STMT_ATT_DELETE] = "DELETE FROM attachments WHERE id = ? AND application_id = ?",
	[DB_STMT_ATT_TOTALS] = "SELECT COALESCE(SUM(size), 0), COALESCE(MAX(kind = 'budget'), 0),"
	    " COALESCE(MAX(kind = 'tax_certificate'), 0) FROM attachments WHERE application_id = ?",

	/* The tenant's inbox (db_cases.c): submitted applications only, always filtered by tenant.
	 * ?1 tenant ?2 ?3 call ?4 ?5 status ?6 ?7 sub-goal ?8 ?9 ?10 assignee (0 = none) ?11 ?12 min amount
	 * ?13 ?14 max amount, then (DB_INBOX_TEXT) ?15 ?16 ?17 text in title or organisation; LIMIT ?18
	 * OFFSET ?19. One statement per sort key, so that the order is a plain ORDER BY that the indexes
	 * (tenant_id, submitted_at) and (tenant_id, applied_amount) of migration 009 serve without
	 * sorting the tenant's every case; ties go by id in the same direction. */
#define DB_INBOX_WHERE " WHERE a.tenant_id = ? AND a.status <> 'draft' AND (? IS NULL OR a.call_id = ?)" \
	" AND (? IS NULL OR a.status = ?) AND (? IS NULL OR FIND_IN_SET(?, a.sub_goals) > 0)" \
	" AND (? IS NULL OR (? = 0 AND a.assigned_to IS NULL) OR a.assigned_to = ?)" \
	" AND (? IS NULL OR a.applied_amount >= ?) AND (? IS NULL OR a.applied_amount <= ?)"
#define DB_INBOX_TEXT " AND (? IS NULL OR a.title LIKE CONCAT('%', ?, '%')" \
	" OR a.org_id IN (SELECT o.id FROM organisations o WHERE o.name LIKE CONCAT('%', ?, '%')))"
	/* applications first, read in the order of the sort's index until the page is full; each row
	 * then joins its organisation, call and assignee by primary key. (With few organisations, as in
	 * a fresh install, the optimizer would rather scan them into a join buffer, which loses the
	 * index order and sorts every case of the tenant: hence the forced order and keys.) */
#define DB_INBOX(order) "SELECT a.id, a.reference, a.title, o.name, o.orgnr, a.call_id, c.title, a.status," \
	" a.applied_amount, a.sub_goals, a.submitted_at, a.assigned_to, u.name" \
	" FROM applications a STRAIGHT_JOIN organisations o FORCE INDEX (PRIMARY) ON o.id = a.org_id" \
	" STRAIGHT_JOIN calls c FORCE INDEX (PRIMARY) ON c.id = a.call_id" \
	" LEFT JOIN users u FORCE INDEX (PRIMARY) ON u.id = a.assigned_to" \
	DB_INBOX_WHERE DB_INBOX_TEXT " ORDER BY " order " LIMIT ? OFFSET ?"
	[DB_STMT_INBOX_SUBMITTED] = DB_INBOX("a.submitted_at, a.id"),
	[DB_STMT_INBOX_SUBMITTED_DESC] = DB_INBOX("a.submitted_at DESC, a.id DESC"),
	[DB_STMT_INBOX_AMOUNT] = DB_INBOX("a.applied_amount, a.id"),
	[DB_STMT_INBOX_AMOUNT_DESC] = DB_INBOX("a.applied_amount DESC, a.id DESC"),
	[DB_STMT_INBOX_TITLE] = DB_INBOX("a.title, a.id"),
	[DB_STMT_INBOX_TITLE_DESC] = DB_INBOX("a.title DESC, a.id DESC"),
	[DB_STMT_INBOX_ORG] = DB_INBOX("o.name, a.id"),
	[DB_STMT_INBOX_ORG_DESC] = DB_INBOX("o.name DESC, a.id DESC"),
	/* the counts per status: filtered by call and status at most, from the counts the triggers of
	 * migration 010 keep (?1..?5); with other filters but no text, from the index alone (?1..?14);
	 * with a text, ?1..?17 */
	[DB_STMT_INBOX_COUNTS_KEPT] = "SELECT k.status, SUM(k.n) FROM case_counts k WHERE k.tenant_id = ?"
	    " AND (? IS NULL OR k.call_id = ?) AND (? IS NULL OR k.status = ?) GROUP BY k.status HAVING SUM(k.n) > 0",
	[DB_STMT_INBOX_COUNTS] = "SELECT a.status, COUNT(*) FROM applications a" DB_INBOX_WHERE " GROUP BY a.status",
	[DB_STMT_INBOX_COUNTS_TEXT] = "SELECT a.status, COUNT(*) FROM applications a" DB_INBOX_WHERE DB_INBOX_TEXT
	    " GROUP BY a.status",
	/* one case, only within its tenant */
	[DB_STMT_CASE_GET] = "SELECT a.id, a.reference, a.status, a.title, a.applied_amount, a.sub_goals, a.submitted_at,"
	    " a.org_id, o.name, o.orgnr, a.call_id, c.title, c.year, a.assigned_to, u.name, a.signed"
	    " FROM applications a JOIN organisations o ON o.id = a.org_id JOIN calls c ON c.id = a.call_id"
	    " LEFT JOIN users u ON u.id = a.assigned_to WHERE a.id = ? AND a.tenant_id = ? AND a.status <> 'draft'",
	/* possible duplicates: the same organisation's applications for the same year at another tenant, or at this
	 * tenant with a similar title; only the tenant's name, the title and the status are shown.
	 * ?1 org ?2 case ?3 year ?4 tenant ?5 title */
	[DB_STMT_CASE_DUPLICATES] = "SELECT t.name, a.title, a.status FROM applications a"
	    " JOIN calls c ON c.id = a.call_id JOIN tenants t ON t.id = a.tenant_id"
	    " WHERE a.org_id = ? AND a.id <> ? AND a.status NOT IN ('draft', 'withdrawn') AND c.year = ?"
	    " AND (a.tenant_id <> ? OR LOWER(LEFT(a.title, 20)) = LOWER(LEFT(?, 20))) ORDER BY t.name, a.id",
	/* ?1 user ?2 case ?3 tenant: the assignee must be a caseworker of the tenant */
	[DB_STMT_CASE_ASSIGN] = "UPDATE applications a SET a.assigned_to = ? WHERE a.id = ? AND a.tenant_id = ?"
	    " AND a.status <> 'draft' AND EXISTS (SELECT 1 FROM tenant_staff s WHERE s.tenant_id = a.tenant_id"
	    " AND s.user_id = ? AND s.role = 'caseworker')",
	/* decisions (db_cases.c) */
	/* ?1 case ?2 ?3 tenant (0 = the case's own: the organisation's routes). Subqueries take no locks. */
	[DB_STMT_CASE_LOCK] = "SELECT a.status, a.applied_amount, a.recommended_by, a.call_id, a.sub_goals, a.granted_amount,"
	    " a.org_id, a.tenant_id, UNIX_TIMESTAMP(a.letter_sent_at), a.decided_by,"
	    " (SELECT c.year FROM calls c WHERE c.id = a.call_id),"
	    " (SELECT c.payment_split_threshold FROM calls c WHERE c.id = a.call_id),"
	    " (SELECT c.audit_threshold FROM calls c WHERE c.id = a.call_id),"
	    " (SELECT c.appeal_window_days FROM calls c WHERE c.id = a.call_id),"
	    " (SELECT COALESCE(c.report_due, MAKEDATE(c.year + 1, 32)) FROM calls c WHERE c.id = a.call_id),"
	    " (SELECT COUNT(*) FROM payments p WHERE p.application_id = a.id),"
	    " (SELECT COUNT(*) FROM payments p WHERE p.application_id = a.id AND p.paid_at IS NOT NULL),"
	    " (SELECT t.kind FROM tenants t WHERE t.id = a.tenant_id), a.report_due"
	    " FROM applications a WHERE a.id = ? AND (? = 0 OR a.tenant_id = ?) AND a.status <> 'draft' FOR UPDATE",
	[DB_STMT_IMPARTIAL_GET] = "SELECT impartial FROM case_impartiality WHERE application_id = ? AND user_id = ?",
	[DB_STMT_IMPARTIAL_SET] = "INSERT INTO case_impartiality (application_id, user_id, impartial, reason) VALUES (?, ?, ?, ?)"
	    " ON DUPLICATE KEY UPDATE impartial = VALUES(impartial), reason = VALUES(reason), declared_at = UTC_TIMESTAMP()",
	[DB_STMT_CASE_SET_STATUS] = "UPDATE applications SET status = ? WHERE id = ?",
	[DB_STMT_CASE_RECOMMEND] = "UPDATE applications SET status = ?, recommended_by = ?, recommended_amount = ?,"
	    " recommendation = ? WHERE id = ?",
	[DB_STMT_CASE_DECIDE] = "UPDATE applications SET status = ?, decided_by = ?, granted_amount = ?, decision_reasons = ?,"
	    " decided_at = UTC_TIMESTAMP() WHERE id = ?",
	/* the frame: the call row is locked so decisions on one call are checked one at a time */
	[DB_STMT_CALL_FRAME_LOCK] = "SELECT budget_frame FROM calls WHERE id = ? FOR UPDATE",
#define DB_COMMITTED "a.granted_amount IS NOT NULL AND a.status NOT IN ('withdrawn', 'declined')"
	[DB_STMT_CALL_COMMITTED] = "SELECT COALESCE(SUM(a.granted_amount), 0) FROM applications a WHERE a.call_id = ? AND "
	    DB_COMMITTED,
	[DB_STMT_CALL_EARMARK_USE] = "SELECT e.sub_goal, e.amount, COALESCE((SELECT SUM(a.granted_amount) FROM applications a"
	    " WHERE a.call_id = e.call_id AND " DB_COMMITTED " AND FIND_IN_SET(e.sub_goal, a.sub_goals) > 0), 0)"
	    " FROM call_earmarks e WHERE e.call_id = ? ORDER BY e.sub_goal",
	/* the budget of one of the tenant's calls */
	[DB_STMT_CALL_BUDGET] = "SELECT c.id, c.title, c.budget_frame, COALESCE((SELECT SUM(a.granted_amount) FROM applications a"
	    " WHERE a.call_id = c.id AND " DB_COMMITTED "), 0) FROM calls c WHERE c.id = ? AND c.tenant_id = ?",

	/* the rest of a case (db_casework.c) */
	[DB_STMT_CASE_DETAIL] = "SELECT a.recommended_by, ru.name, a.recommended_amount, a.recommendation, du.name,"
	    " a.granted_amount, a.decision_reasons, a.decided_at, UNIX_TIMESTAMP(a.letter_sent_at), a.report_due, c.criteria,"
	    " c.audit_threshold, c.appeal_window_days, a.reclaim_amount, a.accepted_at, a.status, a.reference"
	    " FROM applications a JOIN calls c ON c.id = a.call_id LEFT JOIN users ru ON ru.id = a.recommended_by"
	    " LEFT JOIN users du ON du.id = a.decided_by WHERE a.id = ?",
	[DB_STMT_ASSESSMENT_GET] = "SELECT s.scores, s.eligibility, u.name, s.assessed_at FROM case_assessments s"
	    " JOIN users u ON u.id = s.assessed_by WHERE s.application_id = ?",
	[DB_STMT_ASSESSMENT_SET] = "INSERT INTO case_assessments (application_id, scores, eligibility, assessed_by)"
	    " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE scores = VALUES(scores), eligibility = VALUES(eligibility),"
	    " assessed_by = VALUES(assessed_by), assessed_at = UTC_TIMESTAMP()",
	[DB_STMT_COMMENT_INSERT] = "INSERT INTO case_comments (application_id, user_id, body) VALUES (?, ?, ?)",
	[DB_STMT_COMMENT_LIST] = "SELECT m.id, u.name, m.body, m.created_at FROM case_comments m JOIN users u ON u.id = m.user_id"
	    " WHERE m.application_id = ? ORDER BY m.id",
	[DB_STMT_IMPARTIAL_LIST] = "SELECT i.user_id, u.name, i.impartial, i.reason, i.declared_at FROM case_impartiality i"
	    " JOIN users u ON u.id = i.user_id WHERE i.application_id = ? ORDER BY i.declared_at, i.user_id",
	[DB_STMT_LETTER_FACTS] = "SELECT a.reference, t.name, t.kind, o.name, o.orgnr, a.title, a.applied_amount,"
	    " a.granted_amount, a.decision_reasons, du.name, JSON_UNQUOTE(JSON_EXTRACT(a.data, '$.summary'))"
	    " FROM applications a JOIN tenants t ON t.id = a.tenant_id JOIN organisations o ON o.id = a.org_id"
	    " LEFT JOIN users du ON du.id = a.decided_by WHERE a.id = ?",
	[DB_STMT_LETTER_INSERT] = "INSERT INTO letters (application_id, kind, content, sent_by) VALUES (?, ?, ?, ?)",
	[DB_STMT_LETTER_LIST] = "SELECT id, kind, sent_at, content FROM letters WHERE application_id = ? ORDER BY id",
	[DB_STMT_CASE_LETTER_SENT] = "UPDATE applications SET status = ?, letter_sent_at = UTC_TIMESTAMP() WHERE id = ?",
	[DB_STMT_ORG_NOTIFY] = "SELECT DISTINCT u.email FROM org_members m JOIN users u ON u.id = m.user_id"
	    " WHERE m.org_id = ? AND m.role IN ('admin', 'signer') ORDER BY u.email LIMIT 20",
	[DB_STMT_PAYMENT_INSERT] = "INSERT INTO payments (application_id, term, amount, due_date) VALUES (?, ?, ?, ?)",
	[DB_STMT_PAYMENT_LIST] = "SELECT term, amount, due_date, paid_at FROM payments WHERE application_id = ? ORDER BY term",
	[DB_STMT_PAYMENT_PAY] = "UPDATE payments SET paid_at = UTC_TIMESTAMP(), paid_by = ? WHERE application_id = ?"
	    " AND term = ? AND paid_at IS NULL",
	/* ?1 status ?2 accepted (1) or declined (0) ?3 report due or NULL ?4 case */
	[DB_STMT_CASE_ACCEPT] = "UPDATE applications SET status = ?, accepted_at = IF(?, UTC_TIMESTAMP(), NULL), report_due = ?"
	    " WHERE id = ?",
	/* ?1 tenant ?2 ?3 ?4 which (0 all, 1 due, 2 paid) */
	[DB_STMT_PAYMENTS_TENANT] = "SELECT a.id, a.reference, o.name, o.orgnr, p.term, p.amount, p.due_date, p.paid_at"
	    " FROM payments p JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.org_id"
	    " WHERE a.tenant_id = ? AND (? = 0 OR (? = 1 AND p.paid_at IS NULL) OR (? = 2 AND p.paid_at IS NOT NULL))"
	    " ORDER BY p.due_date, a.reference, p.term LIMIT 20000",
	/* paid per call, and per earmarked sub-goal */
	[DB_STMT_CALL_PAID] = "SELECT COALESCE(SUM(p.amount), 0),"
	    " COALESCE(SUM(IF(FIND_IN_SET('A', a.sub_goals) > 0, p.amount, 0)), 0),"
	    " COALESCE(SUM(IF(FIND_IN_SET('B', a.sub_goals) > 0, p.amount, 0)), 0),"
	    " COALESCE(SUM(IF(FIND_IN_SET('C', a.sub_goals) > 0, p.amount, 0)), 0),"
	    " COALESCE(SUM(IF(FIND_IN_SET('D', a.sub_goals) > 0, p.amount, 0)), 0)"
	    " FROM payments p JOIN applications a ON a.id = p.application_id WHERE a.call_id = ? AND p.paid_at IS NOT NULL",
	[DB_STMT_APPEAL_INSERT] = "INSERT INTO appeals (application_id, tenant_id, filed_by, reasons, late) VALUES (?, ?, ?, ?, ?)",
	[DB_STMT_APPEAL_LIST] = "SELECT id, filed_at, reasons, late, status, appeal_body, handled_at, handled_reasons, ruled_at,"
	    " ruling_reasons FROM appeals WHERE application_id = ? ORDER BY id",
	[DB_STMT_APPEAL_OPEN] = "SELECT id FROM appeals WHERE application_id = ? AND status = 'filed' ORDER BY id DESC LIMIT 1",
	/* ?1 status ?2 appeal body or NULL ?3 user ?4 reasons ?5 id */
	[DB_STMT_APPEAL_HANDLE] = "UPDATE appeals SET status = ?, appeal_body = ?, handled_by = ?, handled_at = UTC_TIMESTAMP(),"
	    " handled_reasons = ? WHERE id = ?",
	[DB_STMT_APPEAL_LOCK] = "SELECT application_id, tenant_id, status, appeal_body FROM appeals WHERE id = ? FOR UPDATE",
	[DB_STMT_APPEAL_RULE] = "UPDATE appeals SET status = ?, ruled_by = ?, ruled_at = UTC_TIMESTAMP(), ruling_reasons = ?"
	    " WHERE id = ?",
	/* ?1 tenant ?2 the tenant is the directorate (1) ?3 open only (1) */
	[DB_STMT_APPEALS_TENANT] = "SELECT ap.id, a.id, a.reference, t.name, t.slug, o.name, a.title, ap.filed_at, ap.late,"
	    " ap.status, ap.appeal_body, ap.reasons, a.applied_amount, a.granted_amount, a.decision_reasons, ap.handled_reasons,"
	    " ap.tenant_id = ? FROM appeals ap JOIN applications a ON a.id = ap.application_id JOIN tenants t ON t.id = ap.tenant_id"
	    " JOIN organisations o ON o.id = a.org_id WHERE (ap.tenant_id = ? OR (? = 1 AND ap.appeal_body = 'imdi'))"
	    " AND (? = 0 OR ap.status IN ('filed', 'forwarded')) ORDER BY ap.id DESC LIMIT 500",
	/* the first instance or the appeal body changes the decision: back to recommended, decided again */
	[DB_STMT_CASE_REOPEN] = "UPDATE applications SET status = 'recommended', granted_amount = NULL, decided_by = NULL,"
	    " decision_reasons = NULL, decided_at = NULL WHERE id = ?",
	[DB_STMT_REPORT_UPSERT] = "INSERT INTO reports (application_id, data, submitted_by, late) VALUES (?, ?, ?, ?)"
	    " ON DUPLICATE KEY UPDATE data = VALUES(data), submitted_by = VALUES(submitted_by), submitted_at = UTC_TIMESTAMP(),"
	    " late = VALUES(late), review = 'pending', reviewed_by = NULL, reviewed_at = NULL",
	[DB_STMT_REPORT_GET] = "SELECT data, submitted_at, late, review, review_comment, payback_amount FROM reports"
	    " WHERE application_id = ?",
	/* ?1 review ?2 user ?3 comment ?4 payback ?5 case */
	[DB_STMT_REPORT_REVIEW] = "UPDATE reports SET review = ?, reviewed_by = ?, reviewed_at = UTC_TIMESTAMP(),"
	    " review_comment = ?, payback_amount = ? WHERE application_id = ?",
	[DB_STMT_ATT_HAS_KIND] = "SELECT COUNT(*) FROM attachments WHERE application_id = ? AND kind = ?",
	[DB_STMT_CR_INSERT] = "INSERT INTO change_requests (application_id, kind, description, requested_by) VALUES (?, ?, ?, ?)",
	[DB_STMT_CR_LIST] = "SELECT id, kind, description, requested_at, status, response, decided_at FROM change_requests"
	    " WHERE application_id = ? ORDER BY id",
	/* ?1 status ?2 user ?3 response ?4 id ?5 case */
	[DB_STMT_CR_DECIDE] = "UPDATE change_requests SET status = ?, decided_by = ?, decided_at = UTC_TIMESTAMP(), response = ?"
	    " WHERE id = ? AND application_id = ? AND status = 'pending'",
	[DB_STMT_CASE_RECLAIM] = "UPDATE applications SET status = ?, reclaim_amount = ? WHERE id = ?",
	/* report reminders: ?1 ?2 today in Oslo */
	[DB_STMT_REMINDERS_DUE] = "SELECT a.id, a.reference, a.report_due, a.org_id, a.tenant_id, a.report_reminders"
	    " FROM applications a WHERE a.status IN ('accepted', 'partly_paid', 'paid', 'report_due', 'changes_asked')"
	    " AND a.report_due IS NOT NULL AND (((a.report_reminders & 1) = 0 AND a.report_due <= ? + INTERVAL 30 DAY)"
	    " OR ((a.report_reminders & 2) = 0 AND a.report_due <= ? + INTERVAL 7 DAY)) ORDER BY a.id LIMIT 100"
	    " FOR UPDATE SKIP LOCKED",
	/* ?1 reminders sent ?2 case: a paid case becomes report_due with its first reminder */
	[DB_STMT_TENANT_KIND] = "SELECT kind FROM tenants WHERE id = ?",

	/* publication (db_publish.c) */
	[DB_STMT_TENANT_BY_SLUG] = "SELECT id, name FROM tenants WHERE slug = ?",
	/* ?1 year ?2 slug: the tenant, and when it published the year (NULL: not published) */
	[DB_STMT_PUBLISHED_GET] = "SELECT t.id, t.name, p.published_at FROM tenants t"
	    " LEFT JOIN published_years p ON p.tenant_id = t.id AND p.year = ? WHERE t.slug = ?",
	[DB_STMT_PUBLISHED_LIST] = "SELECT t.slug, t.name, t.kind, p.year, p.published_at FROM published_years p"
	    " JOIN tenants t ON t.id = p.tenant_id ORDER BY p.year DESC, t.kind = 'directorate' DESC, t.name",
	[DB_STMT_PUBLISH] = "INSERT IGNORE INTO published_years (tenant_id, year, published_by) VALUES (?, ?, ?)",
/* a grant in force: accepted by the organisation, and neither withdrawn nor declined since */
#define DB_GRANTED " a.accepted_at IS NOT NULL AND a.granted_amount > 0 AND a.status NOT IN ('withdrawn', 'declined')"
	/* ?1 tenant ?2 year ?3 tenant ?4 year; Norwegian order (æ, ø, å last) */
	[DB_STMT_RECIPIENTS] = "SELECT r.organisation, r.orgnr, r.title, r.amount, r.sub_goals FROM ("
	    "SELECT o.name AS organisation, o.orgnr AS orgnr, a.title AS title, a.granted_amount AS amount,"
	    " CAST(a.sub_goals AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci AS sub_goals FROM applications a JOIN organisations o ON o.id = a.org_id"
	    " JOIN calls c ON c.id = a.call_id WHERE a.tenant_id = ? AND c.year = ? AND" DB_GRANTED
	    " UNION ALL SELECT h.organisation, h.orgnr, h.title, h.amount, COALESCE(h.sub_goal, '') FROM historical_grants h"
	    " WHERE h.tenant_id = ? AND h.year = ?) r ORDER BY r.organisation COLLATE utf8mb4_danish_ci, r.title, r.amount DESC",
	/* Statistics in one pass over the published tenant-years' cases: each tenant-year joins its
	 * calls and their cases once and counts with conditional aggregates, per sub-goal too (a case
	 * counts under each of its sub-goals: the bits of the SET column, A = 1 ... D = 8), from the
	 * covering index of migration 011 rather than the wide rows. (A subquery per measure, or a join
	 * to the sub-goals, read every case again for each.) Grants from the historical import are
	 * added; the frame is summed over the calls alone. */
#define DB_RECEIVED " a.status NOT IN ('draft', 'withdrawn')"
#define DB_HIST " FROM historical_grants h WHERE h.tenant_id = t.id AND h.year = p.year"
#define DB_STATS_SUMS(cond, hist) " COUNT(IF(" DB_RECEIVED cond ", 1, NULL))," \
	" COALESCE(SUM(IF(" DB_RECEIVED cond ", a.applied_amount, 0)), 0)," \
	" COUNT(IF(" DB_GRANTED cond ", 1, NULL)) + (SELECT COUNT(*)" DB_HIST hist ")," \
	" COALESCE(SUM(IF(" DB_GRANTED cond ", a.granted_amount, 0)), 0) + (SELECT COALESCE(SUM(h.amount), 0)" DB_HIST hist ")"
#define DB_STATS_GOAL(bit, code) ", (SELECT g.name_nb FROM sub_goals g WHERE g.code = '" code "')," \
	DB_STATS_SUMS(" AND (a.sub_goals & " bit ") <> 0", " AND h.sub_goal = '" code "'")
#define DB_ORGS(kind, extra) "COUNT(DISTINCT IF(" DB_GRANTED " AND c.support_kind = '" kind "'" extra ", a.org_id, NULL))"
	/* per published tenant and year: ?1 ?2 slug or NULL, ?3 ?4 year or NULL; then for each of the
	 * sub-goals A, B, C and D its name and the four measures */
	[DB_STMT_STATS] = "SELECT t.slug, t.name, t.kind, p.year," DB_STATS_SUMS("", "") ","
	    " " DB_ORGS("operating", "") ", " DB_ORGS("operating", " AND o.kind = 'immigrant'") ","
	    " " DB_ORGS("activity", "") ", " DB_ORGS("activity", " AND o.kind = 'immigrant'") ","
	    " (SELECT SUM(f.budget_frame) FROM calls f WHERE f.tenant_id = t.id AND f.year = p.year)"
	    DB_STATS_GOAL("1", "A") DB_STATS_GOAL("2", "B") DB_STATS_GOAL("4", "C") DB_STATS_GOAL("8", "D")
	    " FROM published_years p JOIN tenants t ON t.id = p.tenant_id"
	    " LEFT JOIN calls c ON c.tenant_id = p.tenant_id AND c.year = p.year"
	    " LEFT JOIN applications a ON a.call_id = c.id AND a.tenant_id = p.tenant_id"
	    " LEFT JOIN organisations o ON o.id = a.org_id"
	    " WHERE (? IS NULL OR t.slug = ?) AND (? IS NULL OR p.year = ?)"
	    " GROUP BY p.tenant_id, p.year, t.id, t.slug, t.name, t.kind"
	    " ORDER BY p.year, t.kind = 'directorate' DESC, t.name",
	[DB_STMT_HIST_INSERT] = "INSERT IGNORE INTO historical_grants (tenant_id, year, orgnr, organisation, title, amount,"
	    " sub_goal, row_key, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[DB_STMT_REMINDED] = "UPDATE applications SET report_reminders = ?, status = IF(status = 'paid', 'report_due', status)"
	    " WHERE id = ?",
};

static struct config db_cfg;
static MYSQL *db_conn;
static MYSQL_STMT *db_stmts[DB__STMT_MAX];
static bool db_in_tx;

struct db_row {
	unsigned ncols;
	char **vals;
	unsigned long *lens;
	my_bool *nulls;
};

static bool
db_errno_gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	    e == CR_CONN_HOST_ERROR || e == ER_SERVER_SHUTDOWN || e == ER_CONNECTION_KILLED ||
	    e == CR_SERVER_LOST_EXTENDED || e == CR_COMMANDS_OUT_OF_SYNC || e == 4031 /* client idle timeout */;
}

static enum db_status
db_classify(unsigned int e)
{
	if (db_errno_gone(e))
		return DB_UNAVAILABLE;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	if (e == ER_DUP_ENTRY || e == ER_DUP_ENTRY_WITH_KEY_NAME || e == ER_NO_REFERENCED_ROW_2 ||
	    e == ER_ROW_IS_REFERENCED_2 || e == ER_SIGNAL_EXCEPTION || e == 4025 /* CHECK constraint */)
		return DB_CONFLICT;
	return DB_ERROR;
}

static void
db_disconnect(void)
{
	int i;
	for (i = 0; i < DB__STMT_MAX; i++) {
		if (db_stmts[i])
			mysql_stmt_close(db_stmts[i]);
		db_stmts[i] = NULL;
	}
	if (db_conn)
		mysql_close(db_conn);
	db_conn = NULL;
	db_in_tx = false;
}

static enum db_status
db_connect(void)
{
	unsigned int timeout = 2, rwtimeout = 30;
	my_bool off = 0;
	MYSQL *m;

	if (db_conn)
		return DB_OK;
	if ((m = mysql_init(NULL)) == NULL)
		abort();
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
	mysql_options(m, MYSQL_OPT_RECONNECT, &off);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE',"
	    " group_concat_max_len = 512");
	if (mysql_real_connect(m, db_cfg.db_socket[0] ? NULL : db_cfg.db_host, db_cfg.db_user, db_cfg.db_password,
	        db_cfg.db_name, db_cfg.db_socket[0] ? 0 : (unsigned)db_cfg.db_port,
	        db_cfg.db_socket[0] ? db_cfg.db_socket : NULL, 0) == NULL) {
		static int64_t last_log;
		int64_t now = util_now_us();
		if (now - last_log > 5000000) { /* at most one line per 5 s per worker */
			log_error("db: connect failed: %s", mysql_error(m));
			last_log = now;
		}
		mysql_close(m);
		return DB_UNAVAILABLE;
	}
	db_conn = m;
	log_info("db: connected");
	return DB_OK;
}

void
db_init(const struct config *cfg)
{
	db_cfg = *cfg;
	mysql_library_init(0, NULL, NULL);
	(void)db_connect();
}

void
db_close(void)
{
	db_disconnect();
	mysql_library_end();
}

static enum db_status
db_fail(MYSQL_STMT *st, enum db_stmt id)
{
	unsigned int e = st ? mysql_stmt_errno(st) : mysql_errno(db_conn);
	enum db_status s = db_classify(e);
	if (s == DB_ERROR)
		log_error("db: statement %d failed: %u %s", (int)id, e, st ? mysql_stmt_error(st) : mysql_error(db_conn));
	if (s == DB_UNAVAILABLE)
		db_disconnect();
	return s;
}

static enum db_status
db_prepare(enum db_stmt id, MYSQL_STMT **out)
{
	MYSQL_STMT *st;
	my_bool on = 1;

	if (db_stmts[id]) {
		*out = db_stmts[id];
		return DB_OK;
	}
	if ((st = mysql_stmt_init(db_conn)) == NULL)
		abort();
	if (mysql_stmt_prepare(st, db_sql[id], strlen(db_sql[id])) != 0) {
		enum db_status s = db_fail(st, id);
		mysql_stmt_close(st);
		return s;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	db_stmts[id] = st;
	*out = st;
	return DB_OK;
}

static enum db_status
db_bind_execute(enum db_stmt id, const struct db_param *params, size_t np, MYSQL_STMT **out)
{
	MYSQL_BIND bind[32];
	unsigned long lens[32];
	MYSQL_STMT *st = NULL;
	enum db_status s;
	size_t i;

	if (np > 32)
		abort(); /* a programming error */
	if ((s = db_connect()) != DB_OK)
		return s;
	if ((s = db_prepare(id, &st)) != DB_OK)
		return s;
	if (mysql_stmt_param_count(st) != np) {
		log_error("db: statement %d takes %lu parameters, given %zu", (int)id, mysql_stmt_param_count(st), np);
		return DB_ERROR;
	}
	memset(bind, 0, sizeof(bind));
	for (i = 0; i < np; i++) {
		switch (params[i].type) {
		case DB_P_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_P_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&params[i].i;
			break;
		case DB_P_BLOB:
			lens[i] = params[i].len;
			bind[i].buffer_type = MYSQL_TYPE_BLOB;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		case DB_P_STR:
			lens[i] = strlen(params[i].s);
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		}
	}
	if (np && mysql_stmt_bind_param(st, bind) != 0)
		return db_fail(st, id);
	if (mysql_stmt_execute(st) != 0)
		return db_fail(st, id);
	*out = st;
	return DB_OK;
}

/* Executes, reconnecting and retrying once when the connection turns out to be gone (outside transactions). */
static enum db_status
db_run(enum db_stmt id, const struct db_param *params, size_t np, MYSQL_STMT **out)
{
	bool had_conn = db_conn != NULL;
	enum db_status s = db_bind_execute(id, params, np, out);
	if (s == DB_UNAVAILABLE && had_conn && !db_in_tx)
		s = db_bind_execute(id, params, np, out);
	return s;
}

enum db_status
db_query(enum db_stmt id, const struct db_param *params, size_t np, db_row_fn fn, void *arg)
{
	MYSQL_STMT *st = NULL;
	MYSQL_RES *meta = NULL;
	MYSQL_BIND *bind = NULL;
	struct db_row row = { 0 };
	enum db_status s;
	unsigned i;
	int rc;

	if ((s = db_run(id, params, np, &st)) != DB_OK)
		return s;
	s = DB_ERROR;
	if (mysql_stmt_store_result(st) != 0) {
		s = db_fail(st, id);
		goto out;
	}
	if ((meta = mysql_stmt_result_metadata(st)) == NULL) {
		s = db_fail(st, id);
		goto out;
	}
	row.ncols = mysql_num_fields(meta);
	bind = util_calloc(row.ncols, sizeof(*bind));
	row.vals = util_calloc(row.ncols, sizeof(*row.vals));
	row.lens = util_calloc(row.ncols, sizeof(*row.lens));
	row.nulls = util_calloc(row.ncols, sizeof(*row.nulls));
	for (i = 0; i < row.ncols; i++) {
		MYSQL_FIELD *f = mysql_fetch_field_direct(meta, i);
		size_t cap = f->max_length + 1;
		row.vals[i] = util_malloc(cap);
		bind[i].buffer_type = MYSQL_TYPE_STRING;
		bind[i].buffer = row.vals[i];
		bind[i].buffer_length = cap;
		bind[i].length = &row.lens[i];
		bind[i].is_null = &row.nulls[i];
	}
	if (mysql_stmt_bind_result(st, bind) != 0) {
		s = db_fail(st, id);
		goto out;
	}
	while ((rc = mysql_stmt_fetch(st)) == 0) {
		for (i = 0; i < row.ncols; i++)
			row.vals[i][row.nulls[i] ? 0 : row.lens[i]] = '\0';
		if (fn && fn(arg, &row) != 0)
			goto out;
	}
	if (rc == 1) {
		s = db_fail(st, id);
		goto out;
	}
	if (rc == MYSQL_DATA_TRUNCATED) {
		log_error("db: statement %d: data truncated", (int)id);
		goto out;
	}
	s = DB_OK;
out:
	if (row.vals)
		for (i = 0; i < row.ncols; i++)
			free(row.vals[i]);
	free(row.vals);
	free(row.lens);
	free(row.nulls);
	free(bind);
	if (meta)
		mysql_free_result(meta);
	if (db_conn && db_stmts[id])
		mysql_stmt_free_result(st);
	return s;
}

enum db_status
db_exec(enum db_stmt id, const struct db_param *params, size_t np, uint64_t *affected, uint64_t *insert_id)
{
	MYSQL_STMT *st = NULL;
	enum db_status s;

	if ((s = db_run(id, params, np, &st)) != DB_OK)
		return s;
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id)
		*insert_id = mysql_stmt_insert_id(st);
	return DB_OK;
}

enum db_status
db_ping(void)
{
	return db_query(DB_STMT_PING, NULL, 0, NULL, NULL);
}

const char *
db_row_str(const struct db_row *row, unsigned col)
{
	if (col >= row->ncols || row->nulls[col])
		return NULL;
	return row->vals[col];
}

size_t
db_row_len(const struct db_row *row, unsigned col)
{
	if (col >= row->ncols || row->nulls[col])
		return 0;
	return row->lens[col];
}

bool
db_row_isnull(const struct db_row *row, unsigned col)
{
	return col >= row->ncols || row->nulls[col];
}

int64_t
db_row_int(const struct db_row *row, unsigned col)
{
	int64_t v = 0;
	const char *s = db_row_str(row, col);
	if (s && valid_int64(s, INT64_MIN, INT64_MAX, &v))
		return v;
	return 0;
}

bool
db_row_datetime(const struct db_row *row, unsigned col, struct valid_datetime *out)
{
	const char *s = db_row_str(row, col);
	char tmp[20];

	if (s == NULL)
		return false;
	if (strlen(s) == 10)
		return valid_date(s, out);
	if (strlen(s) < 19)
		return false;
	memcpy(tmp, s, 19);
	tmp[19] = '\0';
	tmp[10] = 'T';
	return valid_datetime_local(tmp, out);
}

/* Transactions over the live connection. */

static enum db_status
db_tx_begin(void)
{
	enum db_status s;
	if ((s = db_connect()) != DB_OK)
		return s;
	if (mysql_query(db_conn, "START TRANSACTION") != 0)
		return db_fail(NULL, DB__STMT_MAX);
	db_in_tx = true;
	return DB_OK;
}

static enum db_status
db_tx_commit(void)
{
	if (db_conn == NULL)
		return DB_UNAVAILABLE;
	if (mysql_commit(db_conn) != 0)
		return db_fail(NULL, DB__STMT_MAX);
	db_in_tx = false;
	return DB_OK;
}

static void
db_tx_rollback(void)
{
	if (db_conn && mysql_rollback(db_conn) != 0)
		(void)db_fail(NULL, DB__STMT_MAX);
	db_in_tx = false;
}

static void
db_tx_backoff(int attempt)
{
	struct timespec ts;
	long ms = (1L << attempt) * 5 + rand() % 10;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

enum db_status
db_tx(db_tx_fn fn, void *arg)
{
	static const struct db_tx_ops ops = { db_tx_begin, db_tx_commit, db_tx_rollback, db_tx_backoff };
	return db_tx_run(&ops, DB_TX_ATTEMPTS, fn, arg);
}

/* Rows to JSON (db_query_json). */

struct db_json_ctx {
	const char *const *keys;
	const char *types;
	json_t *arr;
};

static json_t *
db_json_value(const struct db_row *row, unsigned col, char type)
{
	const char *v = db_row_str(row, col);
	struct valid_datetime dt;
	char iso[32];

	if (v == NULL)
		return json_null();
	switch (type) {
	case 'i':
		return json_integer(db_row_int(row, col));
	case 'b':
		return json_boolean(db_row_int(row, col) != 0);
	case 't':
		if (!db_row_datetime(row, col, &dt))
			return json_null();
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour,
		    dt.minute, dt.second);
		return json_string(iso);
	case 'r': {
		json_t *a = json_array();
		const char *p = v;
		while (*p) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n > 0)
				json_array_append_new(a, json_stringn(p, n));
			p += n + (e ? 1 : 0);
		}
		return a;
	}
	case 'j': {
		json_t *j = json_loadb(v, db_row_len(row, col), JSON_DECODE_ANY, NULL);
		return j ? j : json_null();
	}
	default:
		return json_stringn(v, db_row_len(row, col));
	}
}

static int
db_json_row(void *arg, const struct db_row *row)
{
	struct db_json_ctx *c = arg;
	json_t *o;
	unsigned i;
	/* a type string that does not match the statement's columns is a bug: refuse it loudly */
	if (strlen(c->types) != row->ncols) {
		log_error("db: %u columns but %zu column types given", row->ncols, strlen(c->types));
		return 1;
	}
	o = json_object();
	for (i = 0; c->keys[i] != NULL && c->types[i] != '\0'; i++)
		json_object_set_new(o, c->keys[i], db_json_value(row, i, c->types[i]));
	json_array_append_new(c->arr, o);
	return 0;
}

enum db_status
db_query_json(enum db_stmt id, const struct db_param *params, size_t np, const char *const *keys,
    const char *types, json_t **out)
{
	struct db_json_ctx c = { keys, types, NULL };
	enum db_status s;
	size_t nkeys = 0;

	while (keys[nkeys] != NULL)
		nkeys++;
	if (nkeys != strlen(types)) {
		log_error("db: statement %d: %zu keys but %zu column types", (int)id, nkeys, strlen(types));
		*out = NULL;
		return DB_ERROR;
	}
	c.arr = json_array();
	s = db_query(id, params, np, db_json_row, &c);
	if (s != DB_OK) {
		json_decref(c.arr);
		*out = NULL;
		return s;
	}
	*out = c.arr;
	return DB_OK;
}

enum db_status
db_query_json_one(enum db_stmt id, const struct db_param *params, size_t np, const char *const *keys,
    const char *types, json_t **out)
{
	json_t *rows = NULL;
	enum db_status s = db_query_json(id, params, np, keys, types, &rows);

	*out = NULL;
	if (s != DB_OK)
		return s;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return DB_NOTFOUND;
	}
	*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return DB_OK;
}
