package org.pathtovictory.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * The process definitions are shared by all local groups; each instance belongs to the tenant of
 * its lead group (variable {@code leadGroup}). Called processes stay in their caller's tenant, but
 * for a partner group's part of a joint campaign ({@code joint-campaign-partner}), which runs in
 * the partner group's own tenant (variable {@code group}), so its volunteers see and get their
 * steps and the lead group sees none of them.
 */
@Component
class LeadGroupTenantIdProvider extends AbstractProcessEnginePlugin implements TenantIdProvider {

  static final String LEAD_GROUP = "leadGroup";
  static final String PARTNER_PROCESS = "joint-campaign-partner";
  static final String PARTNER_GROUP = "group";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
    TenantOfCalledInstances.register(configuration);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    if (PARTNER_PROCESS.equals(ctx.getProcessDefinition().getKey())) {
      return slug(ctx.getVariables().get(PARTNER_GROUP));
    }
    if (ctx.getSuperExecution() != null) {
      return ctx.getSuperExecution().getTenantId();
    }
    return slug(ctx.getVariables().get(LEAD_GROUP));
  }

  private static String slug(Object value) {
    return value instanceof String slug && !slug.isBlank() ? slug.trim() : null;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(
      TenantIdProviderHistoricDecisionInstanceContext ctx) {
    if (ctx.getExecution() != null) {
      return ctx.getExecution().getTenantId();
    }
    return null;
  }
}
