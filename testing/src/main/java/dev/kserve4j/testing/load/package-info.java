/**
 * Steady loopback load for rollout checks: client threads sending requests without pause while the
 * served models change, counting every answer by which revision gave it and every failure, step by
 * step.
 */
package dev.kserve4j.testing.load;
