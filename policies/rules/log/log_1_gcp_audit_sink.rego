# METADATA
# title: GCP data projects log data access and sink it to the central audit bucket
# description: >-
#   A stack that declares a data store (Cloud Storage bucket, Cloud SQL, BigQuery, Spanner,
#   Firestore, AlloyDB, Bigtable) must also declare (1) a google_logging_project_sink to a Cloud
#   Logging bucket (destination logging.googleapis.com/.../buckets/...) that is enabled and has
#   unique_writer_identity = true, and (2) a google_project_iam_audit_config for allServices
#   logging DATA_READ and DATA_WRITE with no exempted members. Without them, reads and writes of
#   documents are not recorded, or stay in the project where its owners can delete them.
# custom:
#   id: LOG-1-GCP
#   severity: high
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Add a google_logging_project_sink to the central audit logging bucket with
#     unique_writer_identity = true, and a google_project_iam_audit_config { service = "allServices" }
#     with audit_log_config blocks for DATA_READ and DATA_WRITE.
#   resource_types:
#     - google_logging_project_sink
#     - google_project_iam_audit_config
#     - google_storage_bucket
#     - google_sql_database_instance
#     - google_bigquery_dataset
#     - google_spanner_instance
#     - google_firestore_database
#     - google_alloydb_cluster
#     - google_bigtable_instance
#   checks:
#     "google_logging_project_sink": [destination, unique_writer_identity, disabled]
#     "google_project_iam_audit_config": [service, audit_log_config]
package cordon.rules.log_1_gcp_audit_sink

import data.cordon.lib

data_types := {
	"google_storage_bucket", "google_sql_database_instance", "google_bigquery_dataset", "google_spanner_instance",
	"google_firestore_database", "google_alloydb_cluster", "google_bigtable_instance",
}

stores[addr] := r if {
	some addr, r in lib.resources_in(data_types)
}

sinks := lib.resources_of("google_logging_project_sink")

audit_configs := {addr: r |
	some addr, r in lib.resources_of("google_project_iam_audit_config")
	r.properties.service == "allServices"
}

# ---- the sink ----

deny contains lib.finding(addr, "google_logging_project_sink", msg) if {
	count(stores) > 0
	count(sinks) == 0
	some addr, _ in stores
	msg := "no google_logging_project_sink in this data stack: its audit logs stay in the project"
}

deny contains lib.finding(addr, path, msg) if {
	not some_good_sink
	some addr, r in sinks
	some path, msg in sink_problems(r.properties)
}

deny contains lib.unverifiable(addr, "destination", r.properties.destination) if {
	not some_good_sink
	some addr, r in sinks
	dest_unresolved(r.properties)
}

some_good_sink if {
	some r in sinks
	count(sink_problems(r.properties)) == 0
	not dest_unresolved(r.properties)
}

sink_problems(p) := {path: message(p, path) |
	some path in {"destination", "unique_writer_identity", "disabled"}
	problem(p, path)
}

message(p, "destination") := sprintf("destination %s is not a Cloud Logging bucket", [lib.shown(p, "destination")])

message(p, "unique_writer_identity") := sprintf("unique_writer_identity is %s; the sink must write as its own identity", [lib.shown(p, "unique_writer_identity")])

message(_, "disabled") := "the sink is disabled"

problem(p, "destination") if {
	not logging_bucket(p)
	not dest_unresolved(p)
}

problem(p, "unique_writer_identity") if not unique_writer(p)

problem(p, "disabled") if lib.truthy(p.disabled)

unique_writer(p) if lib.truthy(p.unique_writer_identity)

# logging.googleapis.com/projects/P/locations/L/buckets/B, literal or with interpolated parts.
logging_bucket(p) if regex.match(`^logging\.googleapis\.com/(projects|folders|organizations|billingAccounts)/[^/]+/locations/[^/]+/buckets/[^/]+$`, p.destination)

logging_bucket(p) if regex.match(`^(logging\.googleapis\.com/)?\$\{google_logging_(project|folder|organization|billing_account)_bucket_config\.[^}]+\}$`, p.destination)

dest_unresolved(p) if {
	lib.unresolved(p.destination)
	not logging_bucket(p)
}

# ---- data access audit logs ----

deny contains lib.finding(addr, "google_project_iam_audit_config", msg) if {
	count(stores) > 0
	count(audit_configs) == 0
	some addr, _ in stores
	msg := "no google_project_iam_audit_config for allServices: data reads and writes are not logged"
}

deny contains lib.finding(addr, "audit_log_config", msg) if {
	not some_good_config
	some addr, r in audit_configs
	missing := {t | some t in {"DATA_READ", "DATA_WRITE"}; not logs(r.properties, t)}
	count(missing) > 0
	msg := sprintf("audit_log_config does not log %s", [concat(" and ", sort(missing))])
}

deny contains lib.finding(addr, "audit_log_config.exempted_members", msg) if {
	not some_good_config
	some addr, r in audit_configs
	some c in lib.blocks(r.properties.audit_log_config)
	count(object.get(c, "exempted_members", [])) > 0
	msg := sprintf("%s exempts %v from data access logging", [c.log_type, c.exempted_members])
}

some_good_config if {
	some r in audit_configs
	logs(r.properties, "DATA_READ")
	logs(r.properties, "DATA_WRITE")
	not exempts(r.properties)
}

logs(p, t) if {
	some c in lib.blocks(p.audit_log_config)
	c.log_type == t
}

exempts(p) if {
	some c in lib.blocks(p.audit_log_config)
	count(object.get(c, "exempted_members", [])) > 0
}
