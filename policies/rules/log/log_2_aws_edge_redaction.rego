# METADATA
# title: Edge request logs carry no credentials, cookies or query strings
# description: >-
#   An AWS::WAFv2::LoggingConfiguration must list in RedactedFields the authorization and cookie
#   headers (SingleHeader, any case) and the QueryString, which can carry credentials and document
#   ids. An AWS::Logs::Delivery from a CloudFront ACCESS_LOGS source must name its RecordFields (left
#   out, every field is delivered) without cs-uri-query, cs(Cookie) or cs(Referer). A distribution's
#   legacy DistributionConfig.Logging always writes the query string and is refused.
# custom:
#   id: LOG-2-AWS-EDGE
#   severity: high
#   level: mandatory
#   controls: [LOG-2]
#   remediation: >-
#     Add {SingleHeader: {Name: authorization}}, {SingleHeader: {Name: cookie}} and {QueryString: {}}
#     to the logging configuration's RedactedFields; give the access log delivery RecordFields
#     without cs-uri-query, cs(Cookie) and cs(Referer); replace legacy Logging by a log delivery.
#   resource_types:
#     - AWS::WAFv2::LoggingConfiguration
#     - AWS::Logs::Delivery
#     - AWS::Logs::DeliverySource
#     - AWS::CloudFront::Distribution
#   checks:
#     "AWS::WAFv2::LoggingConfiguration": [RedactedFields]
#     "AWS::Logs::Delivery": [RecordFields]
#     "AWS::Logs::DeliverySource": [LogType, ResourceArn]
#     "AWS::CloudFront::Distribution": [DistributionConfig.Logging]
package cordon.rules.log_2_aws_edge_redaction

import data.cordon.lib

redacted_headers := {"authorization", "cookie"}

leaking_fields := {"cs-uri-query", "cs(Cookie)", "cs(Referer)"}

deny contains lib.finding(addr, "RedactedFields", msg) if {
	some addr, r in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	missing := redacted_headers - headers(r.properties)
	count(missing) > 0
	msg := sprintf("RedactedFields does not redact the %s header(s): WAF logs would carry credentials", [concat(", ", sort(missing))])
}

deny contains lib.finding(addr, "RedactedFields", "RedactedFields does not redact the QueryString: WAF logs would carry document ids and tokens in URLs") if {
	some addr, r in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	not query_redacted(r.properties)
}

deny contains lib.finding(addr, "RecordFields", "RecordFields is missing: every CloudFront access log field is delivered, the query string and cookies included") if {
	some addr, d in access_deliveries
	not is_array(object.get(d.properties, "RecordFields", null))
}

deny contains lib.finding(addr, "RecordFields", msg) if {
	some addr, d in access_deliveries
	leaks := {f | some f in d.properties.RecordFields; f in leaking_fields}
	count(leaks) > 0
	msg := sprintf("RecordFields delivers %s, which can carry document ids, tokens or session cookies", [concat(", ", sort(leaks))])
}

deny contains lib.finding(addr, "DistributionConfig.Logging", "legacy standard logging always writes the query string and cannot leave it out: deliver access logs with AWS::Logs::Delivery instead") if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	lib.has(r.properties.DistributionConfig, "Logging")
}

headers(p) := {lower(f.SingleHeader.Name) |
	some f in p.RedactedFields
	is_string(f.SingleHeader.Name)
}

query_redacted(p) if {
	some f in p.RedactedFields
	lib.has(f, "QueryString")
}

# Deliveries whose source is a CloudFront access log source (by Ref or by name).
access_deliveries[addr] := d if {
	some addr, d in lib.resources_of("AWS::Logs::Delivery")
	some src, s in lib.resources_of("AWS::Logs::DeliverySource")
	s.properties.LogType == "ACCESS_LOGS"
	cloudfront_source(s)
	from_source(d.properties.DeliverySourceName, src, s)
}

cloudfront_source(s) if {
	some t in s.references
	input.resources[t].type == "AWS::CloudFront::Distribution"
}

cloudfront_source(s) if contains(json.marshal(s.properties.ResourceArn), ":cloudfront::")

from_source(v, src, _) if lib.ref_address(v) == src

from_source(v, _, s) if {
	is_string(v)
	v == s.properties.Name
}
