/**
 * KServe's validating admission webhooks over HTTPS: AdmissionReview requests decoded, judged by
 * the validator of their path, and answered, with a certificate reloaded when it is renewed.
 */
package dev.kserve4j.controller.webhook;
