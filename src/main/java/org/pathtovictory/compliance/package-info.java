/**
 * The compliance gateway: which reviews a group needs before any group activity (decision {@code
 * complianceRoute}), the 501(c)(3) and campaign-finance reviews ({@code compliance-review}), the
 * independent-expenditure firewall acknowledgement ({@code firewall-acknowledgement}), spending
 * questions at any time ({@code spending-question}), the checks on what reviewers and group leads
 * submit there, and the audit trail of every compliance decision, read from Camunda's history.
 */
package org.pathtovictory.compliance;
