## Only the right person consents or confirms through a one-time link (R2.5, R5.2)

error-guardian-is-staff = This Telegram account belongs to the programme's staff and cannot confirm as a participant's legal representative. The participant's parent or guardian must open the link from their own account.
error-employer-is-staff = This Telegram account belongs to the programme's staff and cannot confirm a work experience report as the employer. The employer must open the link from their own account.
error-guardian-phone-is-participant = This is the participant's own phone number. The legal representative must confirm with their own phone number; the link still works.
