// Serves a provider as a go-plugin plugin: magic-cookie check, protocol negotiation, a Unix socket
// (or loopback TCP within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT; see listen_address.h) with AutoMTLS
// whenever Terraform offers a client certificate, the handshake line on stdout,
// GRPCController/GRPCStdio/health services, and a clean exit when Terraform calls Shutdown.
#pragma once

#include "schema/provider.h"

namespace aoa::protocol {

// True when the process was started by Terraform (the magic cookie is set correctly).
bool started_by_terraform();

// The message a person sees when running the binary directly.
const char* not_a_plugin_message();

// Runs until Shutdown; returns the process exit code. The handshake line is written as soon as the
// listening socket exists (connections queue in the kernel); the gRPC server starts after it and
// takes the connections over from an accept thread.
int serve(schema::Provider& provider);

}  // namespace aoa::protocol
