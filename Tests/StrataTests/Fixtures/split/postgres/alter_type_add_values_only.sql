-- Prisma adds several values in one migration; nothing after them can use them.
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'DOCUMENT_SENT';
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'DOCUMENT_OPENED';
ALTER TYPE "WebhookTriggerEvents" ADD VALUE IF NOT EXISTS 'DOCUMENT_COMPLETED' AFTER 'DOCUMENT_OPENED';
