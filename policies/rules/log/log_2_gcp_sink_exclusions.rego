# METADATA
# title: Log sinks exclude payload fields
# description: >-
#   A Cloud Logging sink (project, folder or organization) must declare at least one enabled
#   exclusion whose filter names a payload field (protoPayload, jsonPayload or textPayload), so
#   entries carrying document content are not copied to the central audit store, where they would
#   outlive the tenant's document retention.
# custom:
#   id: LOG-2-GCP
#   severity: high
#   level: mandatory
#   controls: [LOG-2]
#   remediation: >-
#     Add exclusions { name, filter } to the sink matching entries whose request, response or
#     payload carries a document (e.g. protoPayload.request.content:* OR jsonPayload.document:*).
#   resource_types: [google_logging_project_sink, google_logging_folder_sink, google_logging_organization_sink]
#   checks:
#     "google_logging_project_sink": [exclusions]
#     "google_logging_folder_sink": [exclusions]
#     "google_logging_organization_sink": [exclusions]
package cordon.rules.log_2_gcp_sink_exclusions

import data.cordon.lib

types := {"google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink"}

sinks[addr] := r if {
	some addr, r in lib.resources_in(types)
}

deny contains lib.finding(addr, "exclusions", msg) if {
	some addr, r in sinks
	not excludes_payload(r.properties)
	count(unresolved_filters(r.properties)) == 0
	msg := sprintf("no enabled exclusion filters payload fields (%d exclusions): document content reaches the audit store", [count(lib.blocks(object.get(r.properties, "exclusions", [])))])
}

deny contains lib.unverifiable(addr, sprintf("exclusions[%d].filter", [i]), v) if {
	some addr, r in sinks
	not excludes_payload(r.properties)
	some i, v in unresolved_filters(r.properties)
}

enabled_exclusions(p) := [e |
	some e in lib.blocks(p.exclusions)
	not lib.truthy(object.get(e, "disabled", false))
]

excludes_payload(p) if {
	some e in enabled_exclusions(p)
	is_string(e.filter)
	not lib.unresolved(e.filter)
	regex.match(`(protoPayload|jsonPayload|textPayload)`, e.filter)
}

unresolved_filters(p) := {i: e.filter |
	some i, e in enabled_exclusions(p)
	lib.unresolved(e.filter)
}
