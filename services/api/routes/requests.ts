import { FastifyPluginAsync } from 'fastify';
import { OnboardingContext, requestDetail } from '../../onboarding/context';
import { approve, reject } from '../../onboarding/decisions';
import { allow } from '../auth';

/** A request's state with its gate report and the tenant's evidence; approve and reject by a principal holding the approver role. */
export const requestRoutes = (ctx: OnboardingContext): FastifyPluginAsync => async (app) => {
  app.get<{ Params: { id: string } }>('/v1/requests/:id', { preHandler: allow('requester', 'approver', 'auditor') }, async (req) => requestDetail(ctx, req.params.id));
  app.post<{ Params: { id: string } }>('/v1/requests/:id/approve', { preHandler: allow('approver') }, async (req) => (await approve(ctx, req.params.id, req.principal!.principal)).request);
  app.post<{ Params: { id: string }; Body: { reason?: unknown } }>('/v1/requests/:id/reject', { preHandler: allow('approver') }, async (req) =>
    reject(ctx, req.params.id, req.principal!.principal, typeof req.body?.reason === 'string' ? req.body.reason : ''),
  );
};
