-- 025_schemes.sql - operating support's application holds the organisation's last annual accounts
-- as an attachment of its own kind.
ALTER TABLE attachments
  MODIFY kind ENUM('budget','tax_certificate','other','audited_accounts','report','annual_accounts') NOT NULL;
