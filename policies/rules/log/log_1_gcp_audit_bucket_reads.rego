# METADATA
# title: Reads of the locked GCP audit log bucket are themselves audited
# description: >-
#   A stack declaring a locked google_logging_project_bucket_config (an audit bucket) must also
#   declare, for the bucket's project, (1) a google_project_iam_audit_config for
#   logging.googleapis.com or allServices logging DATA_READ with no exempted members, so listing the
#   audit entries is recorded, and (2) an enabled google_logging_project_sink of that project whose
#   destination is the bucket, so those records land under the same lock rather than in the
#   project's 30-day _Default bucket.
# custom:
#   id: LOG-1-GCP-AUDIT-READS
#   severity: high
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     In the audit project add google_project_iam_audit_config { service = "logging.googleapis.com",
#     audit_log_config { log_type = "DATA_READ" } } and a google_logging_project_sink routing
#     logName:"/logs/cloudaudit.googleapis.com%2F" into the locked bucket (AuditLogBucket does both).
#   resource_types: [google_logging_project_bucket_config, google_project_iam_audit_config, google_logging_project_sink]
#   checks:
#     "google_logging_project_bucket_config": [locked, project, bucket_id]
#     "google_project_iam_audit_config": [project, service, audit_log_config]
#     "google_logging_project_sink": [project, disabled, destination]
package cordon.rules.log_1_gcp_audit_bucket_reads

import data.cordon.lib

locked[addr] := r if {
	some addr, r in lib.resources_of("google_logging_project_bucket_config")
	lib.truthy(r.properties.locked)
}

deny contains lib.finding(addr, "project", msg) if {
	some addr, r in locked
	not reads_audited(r.properties.project)
	msg := sprintf("project %s logs no DATA_READ of Cloud Logging (no audit config for logging.googleapis.com or allServices without exemptions): reads of the audit logs go unrecorded", [lib.shown(r.properties, "project")])
}

deny contains lib.finding(addr, "bucket_id", msg) if {
	some addr, r in locked
	not routed_here(addr, r.properties)
	msg := sprintf("no enabled sink of project %s routes its audit logs into this bucket: records of reads of the audit logs would expire in _Default", [lib.shown(r.properties, "project")])
}

reads_audited(project) if {
	some _, c in lib.resources_of("google_project_iam_audit_config")
	c.properties.project == project
	c.properties.service in {"allServices", "logging.googleapis.com"}
	some l in lib.blocks(c.properties.audit_log_config)
	l.log_type == "DATA_READ"
	count(object.get(l, "exempted_members", [])) == 0
}

routed_here(addr, bucket) if {
	some _, s in lib.resources_of("google_logging_project_sink")
	s.properties.project == bucket.project
	not disabled(s.properties)
	to_bucket(s, addr, bucket)
}

disabled(p) if p.disabled == true

disabled(p) if p.disabled == "true"

to_bucket(s, addr, _) if addr in s.references

to_bucket(s, _, bucket) if {
	is_string(s.properties.destination)
	is_string(bucket.project)
	is_string(bucket.bucket_id)
	endswith(s.properties.destination, concat("", ["/buckets/", bucket.bucket_id]))
	contains(s.properties.destination, concat("", ["/projects/", bucket.project, "/"]))
}
