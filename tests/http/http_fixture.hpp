#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "tests/support/test_server.hpp"

namespace mswa::test {

// A fresh server over a fresh database for each test, on the backend under test.
class HttpTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(GetParam(), tweak()); }
  void TearDown() override { server_.reset(); }
  // Override to adjust the server's configuration before it starts.
  virtual std::function<void(config::AppConfig&)> tweak() { return {}; }

  TestServer& server() { return *server_; }
  HttpClient& http() { return server_->client(); }
  const std::string& admin() { return server_->admin_token(); }

  std::unique_ptr<TestServer> server_;
};

#define MSWA_HTTP_ON_EVERY_BACKEND(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::mswa::test::test_backends()), ::mswa::test::BackendName())

}  // namespace mswa::test
