import { Injectable, Logger } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception.js';
import { ErrorCode } from '../common/errors/error-code.enum.js';
import { Database } from '../database/database.js';

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(private readonly database: Database) {}

  async ready(): Promise<{ status: 'ok'; database: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS).unref();
        }),
      ]);
    } catch (error) {
      this.logger.warn({ err: error }, 'readiness check failed');
      throw new ApiException(ErrorCode.ServiceUnavailable, 'database unreachable');
    } finally {
      // A probe answered at once leaves no timer behind (a flood of probes left one each for 2 s).
      clearTimeout(timer);
    }
    return { status: 'ok', database: this.database.kind };
  }
}
