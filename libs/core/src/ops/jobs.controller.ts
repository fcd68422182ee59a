import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../auth/access.decorators';
import { AuthUser, ROLES } from '../auth/role';
import { ForbiddenError, NotFoundError } from '../errors';
import { StoredFiles, XLSX_CONTENT_TYPE } from '../files';
import { sendDownload } from '../http/send-file';
import { JobQueue } from '../queue';
import { JobDto } from '../queue/job.dto';
import { ApiErrors, ApiFile } from '../openapi/api-decorators';

function maySee(user: AuthUser, ownerId: string | null): boolean {
  return user.role === 'city_admin' || ownerId === user.id;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller()
export class JobsController {
  constructor(
    private readonly jobs: JobQueue,
    private readonly files: StoredFiles,
  ) {}

  @Get('jobs/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'State of a background job you started; a download link once its file is ready' })
  @ApiErrors({ 403: ['FORBIDDEN'] })
  async job(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<JobDto> {
    const job = await this.jobs.find(id);
    if (!job) throw new NotFoundError('job', id);
    if (!maySee(user, job.requestedBy)) throw new ForbiddenError('This job belongs to someone else');
    const fileId = job.result?.fileId;
    return { ...job, downloadUrl: job.state === 'completed' && fileId ? `/api/v1/files/${fileId}` : null };
  }

  @Get('files/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Download a file a job built for you' })
  @ApiFile(XLSX_CONTENT_TYPE, 'the file the job built')
  @ApiErrors({ 403: ['FORBIDDEN'] })
  async download(@Param('id') id: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const meta = await this.files.meta(id);
    if (!meta) throw new NotFoundError('file', id);
    if (!maySee(user, meta.ownerId)) throw new ForbiddenError('This file belongs to someone else');
    const body = await this.files.content(id);
    await sendDownload(reply, meta.filename, meta.contentType, body);
  }
}
