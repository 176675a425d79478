import { FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '../store/requests';

/** A preHandler admitting only callers with a valid token of one of `roles`: 401 without, 403 with another role. */
export function allow(...roles: Role[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a valid bearer token is required' });
    if (!roles.includes(req.principal.role) && req.principal.role !== 'admin') {
      return reply.code(403).send({ error: `${req.principal.principal} has role ${req.principal.role}; this needs ${roles.join(' or ')}` });
    }
  };
}
