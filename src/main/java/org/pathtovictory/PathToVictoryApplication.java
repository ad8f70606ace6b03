package org.pathtovictory;

import org.pathtovictory.engine.StartupTrace;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Path to Victory: the post-endorsement campaign plan, running on the embedded Camunda 7 engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PathToVictoryApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(PathToVictoryApplication.class);
    StartupTrace.applyTo(application);
    application.run(args);
  }
}
