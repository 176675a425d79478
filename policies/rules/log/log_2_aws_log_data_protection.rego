# METADATA
# title: Log groups of PHI tenants mask sensitive data
# description: >-
#   Every AWS::Logs::LogGroup of a stack whose registry tenant handles PHI must carry a
#   DataProtectionPolicy with a Deidentify (mask) statement over at least one data identifier,
#   so document content and identifiers written to logs are masked. A log group that declares a
#   DataProtectionPolicy anywhere must also mask: an audit-only policy reports data and hides nothing.
# custom:
#   id: LOG-2-AWS
#   severity: high
#   level: mandatory
#   controls: [LOG-2]
#   remediation: >-
#     Add a DataProtectionPolicy with an Audit statement and a Deidentify {MaskConfig: {}}
#     statement listing the managed data identifiers (names, health and payment data, secrets).
#   resource_types: ["AWS::Logs::LogGroup"]
#   checks:
#     "AWS::Logs::LogGroup": [DataProtectionPolicy.Statement]
package cordon.rules.log_2_aws_log_data_protection

import data.cordon.lib

deny contains lib.finding(addr, "DataProtectionPolicy", msg) if {
	some addr, r in lib.resources_of("AWS::Logs::LogGroup")
	demanded(r.properties)
	not masks(r.properties)
	not lib.unresolved(object.get(r.properties, "DataProtectionPolicy", {}))
	msg := sprintf("%s: no Deidentify statement masks data in this log group", [why(r.properties)])
}

deny contains lib.unverifiable(addr, "DataProtectionPolicy", r.properties.DataProtectionPolicy) if {
	some addr, r in lib.resources_of("AWS::Logs::LogGroup")
	lib.unresolved(r.properties.DataProtectionPolicy)
}

demanded(_) if phi

demanded(p) if lib.has(p, "DataProtectionPolicy")

phi if input.tenant.phi == true

why(_) := sprintf("tenant %s handles PHI", [input.tenant.id]) if phi

why(p) := "DataProtectionPolicy only audits" if {
	not phi
	lib.has(p, "DataProtectionPolicy")
}

masks(p) if {
	some s in p.DataProtectionPolicy.Statement
	is_object(s.Operation.Deidentify)
	count(s.DataIdentifier) > 0
}
