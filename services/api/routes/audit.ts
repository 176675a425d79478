import { FastifyPluginAsync } from 'fastify';
import { AuditLog, toCsv } from '../../audit/log';
import { OnboardingContext } from '../../onboarding/context';
import { allow } from '../auth';

/** The verified audit log for auditors: JSON, or CSV with `?format=csv`; `?since=` an ISO date or time. */
export const auditRoutes = (ctx: OnboardingContext): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: { since?: string; format?: string } }>('/v1/audit', { preHandler: allow('auditor') }, async (req, reply) => {
    const since = req.query.since === undefined ? undefined : Date.parse(req.query.since);
    if (since !== undefined && Number.isNaN(since)) return reply.code(400).send({ error: `since: expected an ISO date or time, received "${req.query.since}"` });
    const entries = AuditLog.read(ctx.auditLog).filter((e) => since === undefined || Date.parse(e.at) >= since);
    if (req.query.format === 'csv') return reply.type('text/csv').send(toCsv(entries));
    return { entries };
  });
};
