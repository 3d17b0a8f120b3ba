#!/bin/sh
# Regenerates the throwaway test keys of PemFilesTest, one per private-key encoding the webhook reads
# (OpenSSL 3). They protect nothing; each certificate is self-signed for a century.
set -eu
cd "$(dirname "$0")"
cert() { openssl req -x509 -new -key "$1" -subj /CN=kserve4j-webhook -days 36500 -out "$2"; }
openssl genrsa -traditional -out rsa-pkcs1.key 2048                       # RSA PRIVATE KEY (cert-manager's RSA default)
openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs1.key -out rsa-pkcs8.key         # PRIVATE KEY
cert rsa-pkcs1.key rsa.crt
openssl ecparam -name prime256v1 -genkey -noout -out ec-sec1.key           # EC PRIVATE KEY (cert-manager's ECDSA default)
openssl pkcs8 -topk8 -nocrypt -in ec-sec1.key -out ec-pkcs8.key
cert ec-sec1.key ec.crt
openssl ecparam -name secp384r1 -genkey -out ec-with-params.key            # EC PARAMETERS, then EC PRIVATE KEY
cert ec-with-params.key ec-with-params.crt
openssl genpkey -algorithm ed25519 -out ed25519.key
cert ed25519.key ed25519.crt
openssl pkcs8 -topk8 -in rsa-pkcs1.key -passout pass:secret -out encrypted.key  # ENCRYPTED PRIVATE KEY: refused
